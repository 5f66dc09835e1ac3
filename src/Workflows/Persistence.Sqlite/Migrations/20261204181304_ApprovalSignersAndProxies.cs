using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalSignersAndProxies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OnBehalfOf",
                table: "Journal",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CastBy",
                table: "ApprovalVotes",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignersJson",
                table: "Approvals",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Threshold",
                table: "Approvals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WeightsJson",
                table: "Approvals",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnBehalfOf",
                table: "Journal");

            migrationBuilder.DropColumn(
                name: "CastBy",
                table: "ApprovalVotes");

            migrationBuilder.DropColumn(
                name: "SignersJson",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "Threshold",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "WeightsJson",
                table: "Approvals");
        }
    }
}
