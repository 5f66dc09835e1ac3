using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Host.Identity.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Signatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserSignatures",
                schema: "butler",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Png = table.Column<byte[]>(type: "varbinary(max)", maxLength: 204800, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSignatures", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_UserSignatures_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalSchema: "butler",
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserSignatures",
                schema: "butler");
        }
    }
}
