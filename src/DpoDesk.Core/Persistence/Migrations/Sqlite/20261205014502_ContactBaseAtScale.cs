using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactBaseAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Keys of the pre-release scheme (HMAC-SHA-256, 32 bytes) cannot be re-keyed without the
            // identifiers they came from; only demonstration installs ever held them (decision 0009).
            migrationBuilder.Sql("DELETE FROM suppression_entries WHERE length(\"Key\") <> 16;");

            migrationBuilder.AddColumn<int>(
                name: "Identifier",
                table: "suppression_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ListName",
                table: "suppression_entries",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AllowsSharing",
                table: "sources",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Fields",
                table: "contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 63);

            migrationBuilder.AddColumn<bool>(
                name: "Restricted",
                table: "contacts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "contact_sources",
                columns: table => new
                {
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    AcquiredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Fields = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contact_sources", x => new { x.ContactId, x.SourceId });
                    table.ForeignKey(
                        name: "FK_contact_sources_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_contact_sources_sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licensees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Nip = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    ApiKeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApiKeyPrefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licensees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "licences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LicenseeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EmailRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RetentionEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoticeIdentifiers = table.Column<int>(type: "INTEGER", nullable: false),
                    DeletionReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletionAttestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletionAttestation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licences_licensees_LicenseeId",
                        column: x => x.LicenseeId,
                        principalTable: "licensees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licence_exports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordCount = table.Column<int>(type: "INTEGER", nullable: false),
                    WithheldCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licence_exports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licence_exports_licences_LicenceId",
                        column: x => x.LicenceId,
                        principalTable: "licences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licensee_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LicenseeId = table.Column<int>(type: "INTEGER", nullable: false),
                    LicenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Identifiers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licensee_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_licensee_notices_licences_LicenceId",
                        column: x => x.LicenceId,
                        principalTable: "licences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_licensee_notices_licensees_LicenseeId",
                        column: x => x.LicenseeId,
                        principalTable: "licensees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // WITHOUT ROWID: the rows are stored in key order, so "who received record X" reads
            // one block's rows side by side instead of one page per export.
            migrationBuilder.Sql("""
                CREATE TABLE "disclosure_blocks" (
                    "Block" INTEGER NOT NULL,
                    "ExportId" INTEGER NOT NULL,
                    "Members" BLOB NOT NULL,
                    CONSTRAINT "PK_disclosure_blocks" PRIMARY KEY ("Block", "ExportId"),
                    CONSTRAINT "FK_disclosure_blocks_licence_exports_ExportId" FOREIGN KEY ("ExportId") REFERENCES "licence_exports" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_contact_sources_SourceId",
                table: "contact_sources",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_disclosure_blocks_ExportId",
                table: "disclosure_blocks",
                column: "ExportId");

            migrationBuilder.CreateIndex(
                name: "IX_licence_exports_LicenceId",
                table: "licence_exports",
                column: "LicenceId");

            migrationBuilder.CreateIndex(
                name: "IX_licences_LicenseeId",
                table: "licences",
                column: "LicenseeId");

            migrationBuilder.CreateIndex(
                name: "IX_licences_Number",
                table: "licences",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_licensee_notices_LicenceId",
                table: "licensee_notices",
                column: "LicenceId");

            migrationBuilder.CreateIndex(
                name: "IX_licensee_notices_LicenseeId_Id",
                table: "licensee_notices",
                columns: new[] { "LicenseeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_licensees_ApiKeyHash",
                table: "licensees",
                column: "ApiKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_licensees_Nip",
                table: "licensees",
                column: "Nip",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contact_sources");

            migrationBuilder.DropTable(
                name: "disclosure_blocks");

            migrationBuilder.DropTable(
                name: "licensee_notices");

            migrationBuilder.DropTable(
                name: "licence_exports");

            migrationBuilder.DropTable(
                name: "licences");

            migrationBuilder.DropTable(
                name: "licensees");

            migrationBuilder.DropColumn(
                name: "Identifier",
                table: "suppression_entries");

            migrationBuilder.DropColumn(
                name: "ListName",
                table: "suppression_entries");

            migrationBuilder.DropColumn(
                name: "AllowsSharing",
                table: "sources");

            migrationBuilder.DropColumn(
                name: "Fields",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Restricted",
                table: "contacts");
        }
    }
}
