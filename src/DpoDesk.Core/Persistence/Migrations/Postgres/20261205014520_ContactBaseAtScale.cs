using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ListName",
                table: "suppression_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AllowsSharing",
                table: "sources",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Fields",
                table: "contacts",
                type: "integer",
                nullable: false,
                defaultValue: 63);

            migrationBuilder.AddColumn<bool>(
                name: "Restricted",
                table: "contacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "contact_sources",
                columns: table => new
                {
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    SourceId = table.Column<int>(type: "integer", nullable: false),
                    AcquiredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Fields = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Company = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Nip = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ApiKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ApiKeyPrefix = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_licensees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "licences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LicenseeId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Sources = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EmailRequired = table.Column<bool>(type: "boolean", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RetentionEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NoticeIdentifiers = table.Column<int>(type: "integer", nullable: false),
                    DeletionReminderSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeletionAttestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeletionAttestation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LicenceId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordCount = table.Column<int>(type: "integer", nullable: false),
                    WithheldCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LicenseeId = table.Column<int>(type: "integer", nullable: false),
                    LicenceId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RequestNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Identifiers = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordCount = table.Column<int>(type: "integer", nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "disclosure_blocks",
                columns: table => new
                {
                    Block = table.Column<int>(type: "integer", nullable: false),
                    ExportId = table.Column<long>(type: "bigint", nullable: false),
                    Members = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disclosure_blocks", x => new { x.Block, x.ExportId });
                    table.ForeignKey(
                        name: "FK_disclosure_blocks_licence_exports_ExportId",
                        column: x => x.ExportId,
                        principalTable: "licence_exports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
