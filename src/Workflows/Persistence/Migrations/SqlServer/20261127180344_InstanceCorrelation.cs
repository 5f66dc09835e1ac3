using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InstanceCorrelation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrelationId",
                schema: "butler",
                table: "Instances",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_CorrelationId",
                schema: "butler",
                table: "Instances",
                column: "CorrelationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Instances_CorrelationId",
                schema: "butler",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "CorrelationId",
                schema: "butler",
                table: "Instances");
        }
    }
}
