using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigma.Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SessionApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SessionApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AuthorizationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LogoutUri = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LogoutNextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LogoutAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LogoutClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LogoutClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LogoutSentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LogoutDeadUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LogoutError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionApplications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionApplications_EndedUtc_SessionId",
                table: "SessionApplications",
                columns: new[] { "EndedUtc", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionApplications_LogoutSentUtc_LogoutNextAttemptUtc",
                table: "SessionApplications",
                columns: new[] { "LogoutSentUtc", "LogoutNextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionApplications_SessionId",
                table: "SessionApplications",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionApplications_UserId",
                table: "SessionApplications",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionApplications");
        }
    }
}
