using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MailPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MailOptOut",
                schema: "butler",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MailOptOut",
                schema: "butler",
                table: "AspNetUsers");
        }
    }
}
