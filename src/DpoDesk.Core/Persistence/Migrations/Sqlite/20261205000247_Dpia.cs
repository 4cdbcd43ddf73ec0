using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dpia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dpias",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Criteria = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ScreeningReason = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Purposes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    NecessityAndProportionality = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Ratings = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    DpoOpinion = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedOffAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dpias", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dpia_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dpia_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dpia_versions_dpias_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "dpias",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dpia_versions_AssessmentId_Version",
                table: "dpia_versions",
                columns: new[] { "AssessmentId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dpia_versions");

            migrationBuilder.DropTable(
                name: "dpias");
        }
    }
}
