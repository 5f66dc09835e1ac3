using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BilingualTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            LegacyTexts.ConvertColumns(migrationBuilder, DatabaseProvider.Sqlite, null);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
