using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Butler.Workflows.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Onboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DispatchRuns",
                schema: "butler",
                columns: table => new
                {
                    WeekOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Agendas = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRuns", x => x.WeekOf);
                });

            migrationBuilder.CreateTable(
                name: "IndustryChains",
                schema: "butler",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndustryChains", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Leaders",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Chains = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leaders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChainCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IntendedInvestment = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NegotiationOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DroppedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    SlaInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_IndustryChains_ChainCode",
                        column: x => x.ChainCode,
                        principalSchema: "butler",
                        principalTable: "IndustryChains",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Dispatches",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderId = table.Column<Guid>(type: "uuid", nullable: false),
                    WeekOf = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AgendaJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dispatches_Leaders_LeaderId",
                        column: x => x.LeaderId,
                        principalSchema: "butler",
                        principalTable: "Leaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LeadUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LeaderId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Teams_Leaders_LeaderId",
                        column: x => x.LeaderId,
                        principalSchema: "butler",
                        principalTable: "Leaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PromotionActivities",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    People = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LeadId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PromotionActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PromotionActivities_Leads_LeadId",
                        column: x => x.LeadId,
                        principalSchema: "butler",
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DispatchDecisions",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DispatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    Item = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Assignee = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchDecisions_Dispatches_DispatchId",
                        column: x => x.DispatchId,
                        principalSchema: "butler",
                        principalTable: "Dispatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChainCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PlannedInvestment = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ContractDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedStartMonth = table.Column<DateOnly>(type: "date", nullable: true),
                    LeaderId = table.Column<Guid>(type: "uuid", nullable: false),
                    SquadId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Closing = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProductionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HighTech = table.Column<bool>(type: "boolean", nullable: false),
                    ChainGapFilling = table.Column<bool>(type: "boolean", nullable: false),
                    LeadId = table.Column<Guid>(type: "uuid", nullable: true),
                    PipelineInstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Projects_IndustryChains_ChainCode",
                        column: x => x.ChainCode,
                        principalSchema: "butler",
                        principalTable: "IndustryChains",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Projects_Leaders_LeaderId",
                        column: x => x.LeaderId,
                        principalSchema: "butler",
                        principalTable: "Leaders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Projects_Teams_SquadId",
                        column: x => x.SquadId,
                        principalSchema: "butler",
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                schema: "butler",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.UserName });
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalSchema: "butler",
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestmentEntries",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestmentEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestmentEntries_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalSchema: "butler",
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalSchema: "butler",
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Problems",
                schema: "butler",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RaisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Resolution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Problems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Problems_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalSchema: "butler",
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchDecisions_DispatchId",
                schema: "butler",
                table: "DispatchDecisions",
                column: "DispatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_LeaderId_WeekOf",
                schema: "butler",
                table: "Dispatches",
                columns: new[] { "LeaderId", "WeekOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_WeekOf",
                schema: "butler",
                table: "Dispatches",
                column: "WeekOf");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentEntries_Month",
                schema: "butler",
                table: "InvestmentEntries",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentEntries_ProjectId_Month",
                schema: "butler",
                table: "InvestmentEntries",
                columns: new[] { "ProjectId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leaders_UserName",
                schema: "butler",
                table: "Leaders",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ChainCode",
                schema: "butler",
                table: "Leads",
                column: "ChainCode");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ReceivedOn",
                schema: "butler",
                table: "Leads",
                column: "ReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_Owner",
                schema: "butler",
                table: "Leads",
                columns: new[] { "Status", "Owner" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ProjectId_At",
                schema: "butler",
                table: "LedgerEntries",
                columns: new[] { "ProjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Problems_ProjectId_Status",
                schema: "butler",
                table: "Problems",
                columns: new[] { "ProjectId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ChainCode",
                schema: "butler",
                table: "Projects",
                column: "ChainCode");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ContractDate",
                schema: "butler",
                table: "Projects",
                column: "ContractDate");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_LeaderId",
                schema: "butler",
                table: "Projects",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_PipelineInstanceId",
                schema: "butler",
                table: "Projects",
                column: "PipelineInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_SquadId",
                schema: "butler",
                table: "Projects",
                column: "SquadId");

            migrationBuilder.CreateIndex(
                name: "IX_PromotionActivities_Kind_Date",
                schema: "butler",
                table: "PromotionActivities",
                columns: new[] { "Kind", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_PromotionActivities_LeadId",
                schema: "butler",
                table: "PromotionActivities",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_UserName",
                schema: "butler",
                table: "TeamMembers",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_LeaderId",
                schema: "butler",
                table: "Teams",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_Name",
                schema: "butler",
                table: "Teams",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchDecisions",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "DispatchRuns",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "InvestmentEntries",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "LedgerEntries",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Problems",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "PromotionActivities",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "TeamMembers",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Dispatches",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Projects",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Leads",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Teams",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "IndustryChains",
                schema: "butler");

            migrationBuilder.DropTable(
                name: "Leaders",
                schema: "butler");
        }
    }
}
