using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigma.Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AccountSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AccountType",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayName",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AccountType_DisplayName_Organisation_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "AccountType", "DisplayName", "Organisation", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayName_Organisation_NormalizedEmail",
                table: "AspNetUsers",
                columns: new[] { "DisplayName", "Organisation", "NormalizedEmail" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AccountType_DisplayName_Organisation_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayName_Organisation_NormalizedEmail",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AccountType",
                table: "AspNetUsers",
                column: "AccountType");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayName",
                table: "AspNetUsers",
                column: "DisplayName");
        }
    }
}
