using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "search_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_search_words", x => x.word);
                });

            migrationBuilder.CreateIndex(
                name: "ix_search_words_trgm",
                table: "search_words",
                column: "word")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // How a title and its authors split into vocabulary words; queries are split by the same function, so
            // the two always agree. Words come in text order; words under three letters are left out (trigrams cannot
            // tell them apart).
            migrationBuilder.Sql("""
                CREATE FUNCTION paperdigest_words(text) RETURNS SETOF text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT word FROM regexp_split_to_table(lower(paperdigest_unaccent($1)), '[^[:alnum:]]+') AS word WHERE length(word) BETWEEN 3 AND 40 $$;
                """);
            migrationBuilder.Sql("""
                INSERT INTO search_words (word)
                SELECT DISTINCT word FROM papers, paperdigest_words(title || ' ' || paperdigest_join(authors)) AS word
                ORDER BY word
                ON CONFLICT DO NOTHING;
                """);
            // Statistics now, not at autovacuum's leisure: without them the planner scans the table for each query word.
            migrationBuilder.Sql("ANALYZE search_words;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "search_words");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS paperdigest_words(text);");
        }
    }
}
