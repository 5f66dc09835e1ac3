using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Proxies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProxyComment",
                schema: "butler",
                table: "AspNetUsers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProxyFrom",
                schema: "butler",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProxyUntil",
                schema: "butler",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProxyUserName",
                schema: "butler",
                table: "AspNetUsers",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProxyComment",
                schema: "butler",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProxyFrom",
                schema: "butler",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProxyUntil",
                schema: "butler",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProxyUserName",
                schema: "butler",
                table: "AspNetUsers");
        }
    }
}
