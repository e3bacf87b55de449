using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigma.Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PasskeysWithoutSchemaOptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
