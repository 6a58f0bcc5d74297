using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaperDigest.Core.Data.Migrations
{
    /// <summary>
    /// Each tag's paper count (<see cref="Tags.Tag.PaperCount"/>), filled in once here and then kept by triggers in the
    /// same transaction as any change to <c>paper_tags</c>, whichever process or statement (cascades included) makes it.
    /// </summary>
    public partial class TagPaperCounts : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "paper_count",
                table: "tags",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // A row counts for its tag unless a curator removed the tag (origin 'Removed'). The tags' rows are locked in id
            // order, so two statements changing the same tags queue behind each other instead of deadlocking.
            migrationBuilder.Sql("""
                UPDATE tags SET paper_count = (SELECT count(*) FROM paper_tags WHERE tag_id = tags.id AND origin <> 'Removed');

                CREATE FUNCTION paperdigest_count_tagged(added_to integer[], taken_from integer[]) RETURNS void
                LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM tags WHERE id = ANY(added_to || taken_from) ORDER BY id FOR UPDATE;
                    UPDATE tags SET paper_count = tags.paper_count + change.delta
                    FROM (SELECT tag_id, sum(delta)::int AS delta
                          FROM (SELECT unnest(added_to) AS tag_id, 1 AS delta
                                UNION ALL SELECT unnest(taken_from), -1) AS each_row
                          GROUP BY tag_id) AS change
                    WHERE tags.id = change.tag_id AND change.delta <> 0;
                END $$;

                CREATE FUNCTION paperdigest_paper_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM paperdigest_count_tagged(ARRAY(SELECT tag_id FROM added WHERE origin <> 'Removed'), '{}');
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM paperdigest_count_tagged('{}', ARRAY(SELECT tag_id FROM taken WHERE origin <> 'Removed'));
                    ELSE
                        PERFORM paperdigest_count_tagged(ARRAY(SELECT tag_id FROM added WHERE origin <> 'Removed'),
                                                         ARRAY(SELECT tag_id FROM taken WHERE origin <> 'Removed'));
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER paper_tags_count_on_insert AFTER INSERT ON paper_tags
                    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_paper_tags_changed();
                CREATE TRIGGER paper_tags_count_on_delete AFTER DELETE ON paper_tags
                    REFERENCING OLD TABLE AS taken FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_paper_tags_changed();
                CREATE TRIGGER paper_tags_count_on_update AFTER UPDATE ON paper_tags
                    REFERENCING OLD TABLE AS taken NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION paperdigest_paper_tags_changed();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER paper_tags_count_on_update ON paper_tags;
                DROP TRIGGER paper_tags_count_on_delete ON paper_tags;
                DROP TRIGGER paper_tags_count_on_insert ON paper_tags;
                DROP FUNCTION paperdigest_paper_tags_changed();
                DROP FUNCTION paperdigest_count_tagged(integer[], integer[]);
                """);
            migrationBuilder.DropColumn(
                name: "paper_count",
                table: "tags");
        }
    }
}
