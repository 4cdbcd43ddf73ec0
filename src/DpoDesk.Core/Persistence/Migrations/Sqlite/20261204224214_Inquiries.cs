using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Inquiries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inquiries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastMessageAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inquiries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InquiryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    InReplyTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    From = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inquiry_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inquiry_messages_inquiries_InquiryId",
                        column: x => x.InquiryId,
                        principalTable: "inquiries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inquiry_attachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inquiry_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inquiry_attachments_inquiry_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "inquiry_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inquiries_State_LastMessageAt",
                table: "inquiries",
                columns: new[] { "State", "LastMessageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_inquiry_attachments_MessageId",
                table: "inquiry_attachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_inquiry_messages_InquiryId",
                table: "inquiry_messages",
                column: "InquiryId");

            migrationBuilder.CreateIndex(
                name: "IX_inquiry_messages_MessageId",
                table: "inquiry_messages",
                column: "MessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inquiry_attachments");

            migrationBuilder.DropTable(
                name: "inquiry_messages");

            migrationBuilder.DropTable(
                name: "inquiries");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "References",
                table: "outbox_messages");
        }
    }
}
