using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalSignersAndProxies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOf",
                schema: "butler",
                table: "Journal",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CastBy",
                schema: "butler",
                table: "ApprovalVotes",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignersJson",
                schema: "butler",
                table: "Approvals",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Threshold",
                schema: "butler",
                table: "Approvals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WeightsJson",
                schema: "butler",
                table: "Approvals",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnBehalfOf",
                schema: "butler",
                table: "Journal");

            migrationBuilder.DropColumn(
                name: "CastBy",
                schema: "butler",
                table: "ApprovalVotes");

            migrationBuilder.DropColumn(
                name: "SignersJson",
                schema: "butler",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "Threshold",
                schema: "butler",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "WeightsJson",
                schema: "butler",
                table: "Approvals");
        }
    }
}
