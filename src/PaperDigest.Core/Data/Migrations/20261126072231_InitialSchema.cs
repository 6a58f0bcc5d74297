using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            // The search vector is a stored generated column, which may only call immutable functions; unaccent()
            // and array_to_string() are not marked immutable, so these wrappers pin the dictionary and declare it.
            migrationBuilder.Sql("""
                CREATE FUNCTION paperdigest_unaccent(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION paperdigest_join(text[]) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;
                """);


            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ingestion_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    origin = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    first_day = table.Column<DateOnly>(type: "date", nullable: true),
                    last_day = table.Column<DateOnly>(type: "date", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    new_count = table.Column<int>(type: "integer", nullable: false),
                    updated_count = table.Column<int>(type: "integer", nullable: false),
                    unchanged_count = table.Column<int>(type: "integer", nullable: false),
                    rejected_count = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingestion_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "papers",
                columns: table => new
                {
                    arxiv_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    @abstract = table.Column<string>(name: "abstract", type: "text", nullable: false, defaultValue: ""),
                    authors = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    github_url = table.Column<string>(type: "text", nullable: true),
                    project_url = table.Column<string>(type: "text", nullable: true),
                    thumbnail_url = table.Column<string>(type: "text", nullable: true),
                    organization_handle = table.Column<string>(type: "text", nullable: true),
                    organization_name = table.Column<string>(type: "text", nullable: true),
                    ai_summary = table.Column<string>(type: "text", nullable: true),
                    ai_keywords = table.Column<List<string>>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    upvotes = table.Column<int>(type: "integer", nullable: false),
                    comments = table.Column<int>(type: "integer", nullable: false),
                    github_stars = table.Column<int>(type: "integer", nullable: true),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(title)), 'A') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(paperdigest_join(ai_keywords) || ' ' || paperdigest_join(authors))), 'B') || setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(abstract)), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_papers", x => x.arxiv_id);
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "listings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listings", x => x.id);
                    table.ForeignKey(
                        name: "fk_listings_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_metrics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    upvotes = table.Column<int>(type: "integer", nullable: true),
                    comments = table.Column<int>(type: "integer", nullable: true),
                    github_stars = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_metrics", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_metrics_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_tags",
                columns: table => new
                {
                    arxiv_id = table.Column<string>(type: "character varying(40)", nullable: false),
                    tag_id = table.Column<int>(type: "integer", nullable: false),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_tags", x => new { x.arxiv_id, x.tag_id });
                    table.ForeignKey(
                        name: "fk_paper_tags_papers_arxiv_id",
                        column: x => x.arxiv_id,
                        principalTable: "papers",
                        principalColumn: "arxiv_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_tags_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_runs_source_started_at",
                table: "ingestion_runs",
                columns: new[] { "source", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_listings_arxiv_id",
                table: "listings",
                column: "arxiv_id");

            migrationBuilder.CreateIndex(
                name: "ix_listings_day",
                table: "listings",
                column: "day");

            migrationBuilder.CreateIndex(
                name: "ix_listings_source_day_arxiv_id",
                table: "listings",
                columns: new[] { "source", "day", "arxiv_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_paper_metrics_arxiv_id_observed_at",
                table: "paper_metrics",
                columns: new[] { "arxiv_id", "observed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_paper_tags_tag_id",
                table: "paper_tags",
                column: "tag_id");

            migrationBuilder.CreateIndex(
                name: "ix_papers_published_at",
                table: "papers",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_papers_search_vector",
                table: "papers",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_papers_title_trgm",
                table: "papers",
                column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_tags_slug",
                table: "tags",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "ingestion_runs");

            migrationBuilder.DropTable(
                name: "listings");

            migrationBuilder.DropTable(
                name: "paper_metrics");

            migrationBuilder.DropTable(
                name: "paper_tags");

            migrationBuilder.DropTable(
                name: "papers");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS paperdigest_join(text[]);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS paperdigest_unaccent(text);");
        }
    }
}
