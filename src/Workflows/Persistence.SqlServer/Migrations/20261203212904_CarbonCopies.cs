using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CarbonCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CarbonCopies",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ApprovalId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActivityId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CopiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarbonCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarbonCopies_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalSchema: "butler",
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CarbonCopies_ApprovalId",
                schema: "butler",
                table: "CarbonCopies",
                column: "ApprovalId");

            migrationBuilder.CreateIndex(
                name: "IX_CarbonCopies_InstanceId",
                schema: "butler",
                table: "CarbonCopies",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_CarbonCopies_Recipient_ReadAt",
                schema: "butler",
                table: "CarbonCopies",
                columns: new[] { "Recipient", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CarbonCopies_WorkItemId",
                schema: "butler",
                table: "CarbonCopies",
                column: "WorkItemId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CarbonCopies",
                schema: "butler");
        }
    }
}
