using PaperDigest.Core.Tags;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Tags;

/// <summary>
/// Stored tag counts: what the tag list, the search filter and the subscription pages read instead of counting every
/// tag's papers per request. Each test changes <c>paper_tags</c> the way some process would (plain SQL, as a rule run,
/// a curator, a merge or a deletion does) and checks the stored count against a live one.
/// </summary>
public sealed class TagPaperCountsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await database.ResetAsync();
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00001', 'One', now(), now(), 0, 0), ('2611.00002', 'Two', now(), now(), 0, 0), ('2611.00003', 'Three', now(), now(), 0, 0);
            INSERT INTO tags (slug, name) VALUES ('count-robots', 'Robots'), ('count-agents', 'Agents');
            INSERT INTO paper_tags (arxiv_id, tag_id, origin)
            SELECT paper, (SELECT id FROM tags WHERE slug = 'count-robots'), 'Rule' FROM unnest(ARRAY['2611.00001', '2611.00002', '2611.00003']) AS paper;
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) VALUES
              ('2611.00001', (SELECT id FROM tags WHERE slug = 'count-agents'), 'Curator'),
              ('2611.00002', (SELECT id FROM tags WHERE slug = 'count-agents'), 'Removed');
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<int> StoredAsync(string slug) =>
        Sql.ScalarAsync<int>(database.ConnectionString, $"SELECT paper_count FROM tags WHERE slug = '{slug}'");

    private Task<long> DriftingTagsAsync() => Sql.ScalarAsync<long>(database.ConnectionString, """
        SELECT count(*) FROM tags
        WHERE paper_count <> (SELECT count(*) FROM paper_tags WHERE tag_id = tags.id AND origin <> 'Removed')
        """);

    [Fact]
    public async Task TaggingCountsEachPaperOnceAndARemovedTagNotAtAll()
    {
        Assert.Equal(3, await StoredAsync("count-robots"));
        Assert.Equal(1, await StoredAsync("count-agents"));
        Assert.Equal(0, await DriftingTagsAsync());
    }

    [Fact]
    public async Task RemovingRestoringMovingAndDeletingKeepTheCountsExact()
    {
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE paper_tags SET origin = 'Removed' WHERE arxiv_id = '2611.00001'");
        Assert.Equal(2, await StoredAsync("count-robots"));
        Assert.Equal(0, await StoredAsync("count-agents"));

        // A curator's tag put back on paper 2; its rule-given tag becomes the curator's, still counted once.
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE paper_tags SET origin = 'Curator' WHERE arxiv_id = '2611.00002'");
        Assert.Equal(2, await StoredAsync("count-robots"));
        Assert.Equal(1, await StoredAsync("count-agents"));

        // A tag merge moves the papers of one tag to another.
        await Sql.ExecuteAsync(database.ConnectionString, """
            UPDATE paper_tags SET tag_id = (SELECT id FROM tags WHERE slug = 'count-agents')
            WHERE tag_id = (SELECT id FROM tags WHERE slug = 'count-robots') AND arxiv_id = '2611.00003'
            """);
        Assert.Equal(1, await StoredAsync("count-robots"));
        Assert.Equal(2, await StoredAsync("count-agents"));

        // Deleting a paper takes its tags with it (a cascade, which fires the triggers as its own statement).
        await Sql.ExecuteAsync(database.ConnectionString, "DELETE FROM papers WHERE arxiv_id = '2611.00002'");
        Assert.Equal(0, await StoredAsync("count-robots"));
        Assert.Equal(1, await StoredAsync("count-agents"));
        Assert.Equal(0, await DriftingTagsAsync());
    }

    [Fact]
    public async Task TheTagListIsReadFromTheStoredCountsMostUsedFirstWithoutEmptyTags()
    {
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO tags (slug, name) VALUES ('count-unused', 'Unused');
            UPDATE paper_tags SET origin = 'Removed' WHERE tag_id = (SELECT id FROM tags WHERE slug = 'count-agents');
            """);

        var listed = (await new TagListings(database.CreateContext()).AllAsync(TestContext.Current.CancellationToken))
            .Where(t => t.Slug.StartsWith("count-", StringComparison.Ordinal)).ToList();

        Assert.Equal([new TagCount("count-robots", "Robots", 3)], listed);
    }

    [Fact]
    public async Task MergingOneTagIntoAnotherCountsWhatTheUpsertInsertedAndWhatItChanged()
    {
        // Paper 4 has the target tag from a rule and the merged tag removed: the removal wins, so the target loses it.
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00004', 'Four', now(), now(), 0, 0), ('2611.00005', 'Five', now(), now(), 0, 0);
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) VALUES
              ('2611.00004', (SELECT id FROM tags WHERE slug = 'count-agents'), 'Rule'),
              ('2611.00004', (SELECT id FROM tags WHERE slug = 'count-robots'), 'Removed'),
              ('2611.00005', (SELECT id FROM tags WHERE slug = 'count-robots'), 'Rule');
            """);
        Assert.Equal(2, await StoredAsync("count-agents"));

        // As TagCuration.MergeAsync does it.
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO paper_tags (arxiv_id, tag_id, origin)
            SELECT arxiv_id, (SELECT id FROM tags WHERE slug = 'count-agents'), origin FROM paper_tags WHERE tag_id = (SELECT id FROM tags WHERE slug = 'count-robots')
            ON CONFLICT (arxiv_id, tag_id) DO UPDATE SET origin = CASE WHEN paper_tags.origin = 'Rule' THEN excluded.origin ELSE paper_tags.origin END;
            DELETE FROM tags WHERE slug = 'count-robots';
            """);

        // Paper 1 kept its curator's tag, paper 2 its removal, papers 3 and 5 gained the tag, paper 4 lost it.
        Assert.Equal(3, await StoredAsync("count-agents"));
        Assert.Equal(0, await DriftingTagsAsync());
    }
}
