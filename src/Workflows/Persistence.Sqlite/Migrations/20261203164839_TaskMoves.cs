using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaskMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DelegatedAt",
                table: "WorkItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegatedTo",
                table: "WorkItems",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastUrgedAt",
                table: "WorkItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UrgeCount",
                table: "WorkItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Status_DelegatedTo",
                table: "WorkItems",
                columns: new[] { "Status", "DelegatedTo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkItems_Status_DelegatedTo",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "DelegatedAt",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "DelegatedTo",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "LastUrgedAt",
                table: "WorkItems");

            migrationBuilder.DropColumn(
                name: "UrgeCount",
                table: "WorkItems");
        }
    }
}
