using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AwareAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Nature = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    IncidentType = table.Column<int>(type: "integer", nullable: false),
                    Cause = table.Column<int>(type: "integer", nullable: false),
                    PersonsApprox = table.Column<int>(type: "integer", nullable: false),
                    RecordsApprox = table.Column<int>(type: "integer", nullable: false),
                    DataCategories = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    PersonCategories = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Consequences = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    MeasuresBefore = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    MeasuresAgainstRecurrence = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    MeasuresMitigation = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    DataKinds = table.Column<int>(type: "integer", nullable: false),
                    ContextAdjustment = table.Column<int>(type: "integer", nullable: false),
                    Identifiability = table.Column<int>(type: "integer", nullable: false),
                    Confidentiality = table.Column<int>(type: "integer", nullable: false),
                    Integrity = table.Column<int>(type: "integer", nullable: false),
                    Availability = table.Column<int>(type: "integer", nullable: false),
                    Malicious = table.Column<bool>(type: "boolean", nullable: false),
                    NotifyAuthority = table.Column<bool>(type: "boolean", nullable: true),
                    AuthorityDecisionReason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    AuthorityNotifiedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NotificationKind = table.Column<int>(type: "integer", nullable: true),
                    DelayReason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    NotifyPersons = table.Column<bool>(type: "boolean", nullable: true),
                    PersonsDecisionReason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
