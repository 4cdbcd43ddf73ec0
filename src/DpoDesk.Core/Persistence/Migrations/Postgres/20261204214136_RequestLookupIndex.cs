using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DpoDesk.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestLookupIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_requests_EmailLookupKey_ReceivedAt",
                table: "requests",
                columns: new[] { "EmailLookupKey", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requests_EmailLookupKey_ReceivedAt",
                table: "requests");
        }
    }
}
