using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <summary>
    /// Indexes math in titles a second time with TeX's markup taken out, so "H0" finds "$H_0$". PostgreSQL 15 cannot
    /// change a generated column's expression, so the column (and its index) is dropped and added again, which
    /// recomputes it for every paper.
    /// </summary>
    public partial class SearchableMathInTitles : Migration
    {
        private const string WithMath = "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(title)), 'A') || setweight(to_tsvector('english'::regconfig, regexp_replace(regexp_replace(title, '[^$]*(\\$[^$]*\\$)?', ' \\1 ', 'g'), '[$_^{}\\\\]', '', 'g')), 'A') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(paperdigest_join(ai_keywords) || ' ' || paperdigest_join(authors))), 'B') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(abstract)), 'C')";

        private const string WithoutMath = "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(title)), 'A') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(paperdigest_join(ai_keywords) || ' ' || paperdigest_join(authors))), 'B') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(abstract)), 'C')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, WithMath);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Replace(migrationBuilder, WithoutMath);

        private static void Replace(MigrationBuilder migrationBuilder, string expression)
        {
            migrationBuilder.DropIndex(name: "ix_papers_search_vector", table: "papers");
            migrationBuilder.DropColumn(name: "search_vector", table: "papers");
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector", table: "papers", type: "tsvector", nullable: false, computedColumnSql: expression, stored: true);
            migrationBuilder.CreateIndex(name: "ix_papers_search_vector", table: "papers", column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
