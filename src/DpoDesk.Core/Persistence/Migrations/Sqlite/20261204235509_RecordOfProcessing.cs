using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordOfProcessing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "processing_activities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purposes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SubjectCategories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DataCategories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecipientCategories = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Transfers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Retention = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SecurityMeasures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processing_activities", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_processing_activities_Key",
                table: "processing_activities",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "processing_activities");
        }
    }
}
