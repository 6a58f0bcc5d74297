using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SourceHealthAndValidators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fetch_validators",
                columns: table => new
                {
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    e_tag = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    last_modified = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fetch_validators", x => x.url);
                });

            migrationBuilder.CreateTable(
                name: "source_health",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_health", x => x.source);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fetch_validators");

            migrationBuilder.DropTable(
                name: "source_health");
        }
    }
}
