using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "paper_aliases",
                columns: table => new
                {
                    alias_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_aliases", x => x.alias_id);
                    table.ForeignKey(
                        name: "fk_paper_aliases_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_paper_aliases_arxiv_id",
                table: "paper_aliases",
                column: "arxiv_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "paper_aliases");
        }
    }
}
