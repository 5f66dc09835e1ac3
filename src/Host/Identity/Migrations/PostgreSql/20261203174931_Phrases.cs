using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Phrases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhrasesJson",
                schema: "butler",
                table: "AspNetUsers",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhrasesJson",
                schema: "butler",
                table: "AspNetUsers");
        }
    }
}
