using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class IdempotentReplaysAndRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                schema: "butler",
                table: "WorkItems",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseBody",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseContentType",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseLocation",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseStatus",
                schema: "butler",
                table: "ProcessedStimuli",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                schema: "butler",
                table: "Approvals",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                schema: "butler",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "RequestId",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseBody",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseContentType",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseLocation",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseStatus",
                schema: "butler",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "Revision",
                schema: "butler",
                table: "Approvals");
        }
    }
}
