using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Breaches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "breaches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AwareAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    IncidentType = table.Column<int>(type: "INTEGER", nullable: false),
                    Cause = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonsApprox = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordsApprox = table.Column<int>(type: "INTEGER", nullable: false),
                    DataCategories = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    PersonCategories = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Consequences = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    MeasuresBefore = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    MeasuresAgainstRecurrence = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    MeasuresMitigation = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    DataKinds = table.Column<int>(type: "INTEGER", nullable: false),
                    ContextAdjustment = table.Column<int>(type: "INTEGER", nullable: false),
                    Identifiability = table.Column<int>(type: "INTEGER", nullable: false),
                    Confidentiality = table.Column<int>(type: "INTEGER", nullable: false),
                    Integrity = table.Column<int>(type: "INTEGER", nullable: false),
                    Availability = table.Column<int>(type: "INTEGER", nullable: false),
                    Malicious = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotifyAuthority = table.Column<bool>(type: "INTEGER", nullable: true),
                    AuthorityDecisionReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AuthorityNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NotificationKind = table.Column<int>(type: "INTEGER", nullable: true),
                    DelayReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    NotifyPersons = table.Column<bool>(type: "INTEGER", nullable: true),
                    PersonsDecisionReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_breaches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_breaches_AwareAt",
                table: "breaches",
                column: "AwareAt");

            migrationBuilder.CreateIndex(
                name: "IX_breaches_Reference",
                table: "breaches",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "breaches");
        }
    }
}
