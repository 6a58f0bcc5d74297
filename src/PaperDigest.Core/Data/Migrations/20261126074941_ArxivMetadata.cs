using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArxivMetadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "arxiv_comment",
                table: "papers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "categories",
                table: "papers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "doi",
                table: "papers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "listings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "New");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "arxiv_comment",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "categories",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "doi",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "listings");
        }
    }
}
