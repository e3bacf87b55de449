using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigma.Portal.Migrations.SqlServer.Migrations
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AuthorizationId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Sid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LogoutUri = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    LogoutNextAttemptUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LogoutAttempts = table.Column<int>(type: "int", nullable: false),
                    LogoutClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LogoutClaimedUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LogoutSentUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LogoutDeadUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LogoutError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
