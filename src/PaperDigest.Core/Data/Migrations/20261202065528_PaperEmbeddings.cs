using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PaperEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "paper_embeddings",
                columns: table => new
                {
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    model = table.Column<string>(type: "text", nullable: false),
                    vector = table.Column<float[]>(type: "real[]", nullable: false),
                    described_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    embedded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_embeddings", x => x.arxiv_id);
                    table.ForeignKey(
                        name: "fk_paper_embeddings_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                });

            // A title or name reduced to its letters and digits, lower case and unaccented: search puts a title or an
            // author's name typed whole on top whatever its punctuation.
            migrationBuilder.Sql("""
                CREATE FUNCTION public.paperdigest_letters(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT lower(regexp_replace(public.paperdigest_unaccent($1), '[^[:alnum:]]+', '', 'g')) $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION public.paperdigest_letters(text);");
            migrationBuilder.DropTable(
                name: "paper_embeddings");
        }
    }
}
