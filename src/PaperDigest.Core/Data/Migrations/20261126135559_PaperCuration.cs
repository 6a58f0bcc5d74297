using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperCuration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hidden_at",
                table: "papers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "pinned_day",
                table: "papers",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "paper_edits",
                columns: table => new
                {
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    field = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_value = table.Column<string>(type: "text", nullable: true),
                    edited_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_edits", x => new { x.arxiv_id, x.field });
                    table.ForeignKey(
                        name: "fk_paper_edits_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_edits");

            migrationBuilder.DropColumn(
                name: "hidden_at",
                table: "papers");

            migrationBuilder.DropColumn(
                name: "pinned_day",
                table: "papers");
        }
    }
}
