using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Phrases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhrasesJson",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhrasesJson",
                table: "AspNetUsers");
        }
    }
}
