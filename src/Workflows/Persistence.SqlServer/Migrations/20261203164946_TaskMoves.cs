using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TaskMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DelegatedAt",
                schema: "butler",
                table: "WorkItems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegatedTo",
                schema: "butler",
                table: "WorkItems",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastUrgedAt",
                schema: "butler",
                table: "WorkItems",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UrgeCount",
                schema: "butler",
                table: "WorkItems",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Status_DelegatedTo",
                schema: "butler",
                table: "WorkItems",
                columns: new[] { "Status", "DelegatedTo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Status_DelegatedTo",
                schema: "butler",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "DelegatedAt",
                schema: "butler",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "DelegatedTo",
                schema: "butler",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "LastUrgedAt",
                schema: "butler",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "UrgeCount",
                schema: "butler",
                table: "WorkItems");
        }
    }
}
