using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotentReplaysAndRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "WorkItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "ProcessedStimuli",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                table: "ProcessedStimuli",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseBody",
                table: "ProcessedStimuli",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseContentType",
                table: "ProcessedStimuli",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseLocation",
                table: "ProcessedStimuli",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseStatus",
                table: "ProcessedStimuli",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Approvals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseBody",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseContentType",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseLocation",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "ResponseStatus",
                table: "ProcessedStimuli");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Approvals");
        }
    }
}
