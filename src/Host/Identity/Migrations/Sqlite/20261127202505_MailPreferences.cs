using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MailOptOut",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MailOptOut",
                table: "AspNetUsers");
        }
    }
}
