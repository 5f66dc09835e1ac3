using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovalId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActivityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CopiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
