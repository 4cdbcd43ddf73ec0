using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeasedUntil",
                table: "outbox_messages",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeasedUntil",
                table: "outbox_messages");
        }
    }
}
