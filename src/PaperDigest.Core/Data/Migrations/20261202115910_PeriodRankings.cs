using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <summary>
    /// Stored rankings of the curated days, weeks and months (<see cref="Papers.PeriodRankings"/>), and the triggers that
    /// mark a period's ranking out of date in the same transaction as any change to what it ranks, whichever process or
    /// statement makes it.
    /// </summary>
    public partial class PeriodRankings : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ranked_ids is null while the period must be ranked again; version counts the changes, so a ranking
            // computed before a change can never be stored after it.
            migrationBuilder.Sql("""
                CREATE TABLE period_rankings (
                    kind text NOT NULL,
                    first_day date NOT NULL,
                    version bigint NOT NULL,
                    paper_count integer,
                    ranked_ids text[],
                    CONSTRAINT pk_period_rankings PRIMARY KEY (kind, first_day));

                CREATE FUNCTION paperdigest_periods_changed(days date[]) RETURNS void
                LANGUAGE sql AS $$
                    INSERT INTO period_rankings (kind, first_day, version)
                    SELECT DISTINCT period.kind, period.first_day, 1
                    FROM unnest(days) AS changed(day)
                    CROSS JOIN LATERAL (VALUES ('Day', changed.day),
                                               ('Week', date_trunc('week', changed.day)::date),
                                               ('Month', date_trunc('month', changed.day)::date)) AS period(kind, first_day)
                    ORDER BY 1, 2
                    ON CONFLICT (kind, first_day) DO UPDATE
                    SET version = period_rankings.version + 1, paper_count = NULL, ranked_ids = NULL
                $$;

                CREATE FUNCTION paperdigest_listings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM paperdigest_periods_changed(ARRAY(SELECT DISTINCT day FROM inserted));
                    RETURN NULL;
                END $$;
                CREATE FUNCTION paperdigest_listings_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM paperdigest_periods_changed(ARRAY(SELECT DISTINCT day FROM deleted));
                    RETURN NULL;
                END $$;
                CREATE FUNCTION paperdigest_listings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM paperdigest_periods_changed(ARRAY(SELECT day FROM before UNION SELECT day FROM after));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER listings_change_rankings_on_insert AFTER INSERT ON listings
                    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_listings_inserted();
                CREATE TRIGGER listings_change_rankings_on_delete AFTER DELETE ON listings
                    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_listings_deleted();
                CREATE TRIGGER listings_change_rankings_on_update AFTER UPDATE ON listings
                    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_listings_updated();

                -- Only what orders or admits a paper: its counts, its pin and whether it is hidden.
                CREATE FUNCTION paperdigest_papers_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM paperdigest_periods_changed(ARRAY(
                        SELECT DISTINCT l.day
                        FROM after JOIN before USING (arxiv_id) JOIN listings l ON l.arxiv_id = after.arxiv_id
                        WHERE (after.upvotes, after.comments, after.pinned_day, after.hidden_at)
                              IS DISTINCT FROM (before.upvotes, before.comments, before.pinned_day, before.hidden_at)));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER papers_change_rankings_on_update AFTER UPDATE ON papers
                    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_papers_updated();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER papers_change_rankings_on_update ON papers;
                DROP TRIGGER listings_change_rankings_on_update ON listings;
                DROP TRIGGER listings_change_rankings_on_delete ON listings;
                DROP TRIGGER listings_change_rankings_on_insert ON listings;
                DROP FUNCTION paperdigest_papers_updated();
                DROP FUNCTION paperdigest_listings_updated();
                DROP FUNCTION paperdigest_listings_deleted();
                DROP FUNCTION paperdigest_listings_inserted();
                DROP FUNCTION paperdigest_periods_changed(date[]);
                DROP TABLE period_rankings;
                """);
        }
    }
}
