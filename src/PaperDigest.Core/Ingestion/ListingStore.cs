using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Search;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Ingestion;

/// <summary>
/// Where parsed listings are stored, idempotently: one paper per arXiv id, one listing per source, day and paper, and
/// a metric snapshot only when a value changed. A run is opened, then either completed with its page (one
/// transaction, with the validators the fetch answered with) or failed; the store never fetches or parses.
/// </summary>
public sealed class ListingStore(PaperDigestDbContext db, PublicPageCache pageCache, TimeProvider clock, ILogger<ListingStore> logger) : IKnownValidators
{
    /// <summary>What an address answered with last time, for the source's next conditional request.</summary>
    public Task<FetchValidator?> FindAsync(Uri url, CancellationToken cancellationToken) =>
        db.FetchValidators.AsNoTracking().FirstOrDefaultAsync(v => v.Url == url.AbsoluteUri, cancellationToken);

    /// <summary>Records that a run has started, so a run the app is killed in the middle of is still on record.</summary>
    public async Task<IngestionRun> OpenRunAsync(string source, string origin, CancellationToken cancellationToken)
    {
        var run = new IngestionRun { Source = source, Origin = origin, StartedAt = clock.GetUtcNow(), Status = IngestionRunStatus.Running, RunBy = RunnerProcess.Identity };
        db.IngestionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Stores the parsed page and closes its run, in one transaction; nothing is written if any of it fails.</summary>
    public async Task CompleteRunAsync(IngestionRun run, ParseResult parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.PaperCount == 0 && parsed.Rejections.Count > 0)
            throw new FormatException(
                $"None of the {parsed.Rejections.Count} entries could be read (first: {parsed.Rejections[0]}); the source's format may have changed.");
        run.RejectedCount = parsed.Rejections.Count;
        if (parsed.Listings.Count > 0)
        {
            run.FirstDay = parsed.Listings.Min(l => l.Day);
            run.LastDay = parsed.Listings.Max(l => l.Day);
        }

        List<string> changed;
        bool changedPeriods;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var (outcomes, relisted, newDay) = await ApplyAsync(parsed, run.Source, cancellationToken);
            run.NewCount = outcomes.Values.Count(c => c == PaperChange.New);
            run.UpdatedCount = outcomes.Values.Count(c => c == PaperChange.Updated);
            run.UnchangedCount = outcomes.Values.Count(c => c == PaperChange.Unchanged);
            await SaveValidatorsAsync(parsed.Validators, cancellationToken);
            run.Status = StatusOf(parsed);
            if (parsed.Rejections.Count > 0)
                run.Error = string.Join("; ", parsed.Rejections.Take(20));
            run.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await SearchVocabulary.AddWordsOfAsync(db, outcomes.Where(o => o.Value != PaperChange.Unchanged).Select(o => o.Key).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            // Pages show the papers that changed and the days' order; a new day also changes every period page's
            // tabs and previous/next links.
            changed = outcomes.Where(o => o.Value != PaperChange.Unchanged).Select(o => o.Key).Union(relisted).ToList();
            changedPeriods = newDay;
        }
        await pageCache.EvictPapersAsync(changed, cancellationToken, changedPeriods ? [PageTags.Periods] : []);

        logger.LogInformation(
            "Ingestion run {RunId} from {Source} ({Origin}) {Status}: {New} new, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
            run.Id, run.Source, run.Origin, run.Status, run.NewCount, run.UpdatedCount, run.UnchangedCount, run.RejectedCount);
    }

    /// <summary>
    /// Papers the source listed whose record it should complete by a look-up, at most <paramref name="max"/>: those listed
    /// from a week before <paramref name="firstDay"/> to <paramref name="lastDay"/> whose listings carried no abstract
    /// (arXiv's pages do not), and those of any day whose title still carries a browser's math rendering beside its TeX
    /// ("H0H_0", stored before parsers dropped the rendering), which the look-up's title replaces.
    /// </summary>
    public Task<List<string>> ToLookUpAsync(string source, DateOnly firstDay, DateOnly lastDay, int max, CancellationToken cancellationToken) =>
        db.Papers.AsNoTracking()
            .Where(p => p.Listings.Any(l => EF.Functions.Like(l.Source, source + "%"))
                && ((p.Abstract == "" && p.Listings.Any(l => l.Day >= firstDay.AddDays(-7) && l.Day <= lastDay))
                    || Regex.IsMatch(p.Title, TexOutsideDollars)))
            .OrderBy(p => p.ArxivId)
            .Select(p => p.ArxivId)
            .Take(max)
            .ToListAsync(cancellationToken);

    // TeX written as arXiv writes it, between dollars; outside them (after an even number of dollars, before the
    // next), a subscript, superscript or command, or a rendered minus sign, means a rendering was kept beside the TeX.
    // A stray brace is not enough: real titles have them.
    private const string TexOutsideDollars = "^(?:[^$]*\\$[^$]*\\$)*[^$]*[_^\\\\\u2212]";

    private static IngestionRunStatus StatusOf(ParseResult parsed) =>
        parsed.NotModified ? IngestionRunStatus.NotModified
        : parsed.PaperCount == 0 ? IngestionRunStatus.Empty
        : parsed.Rejections.Count > 0 ? IngestionRunStatus.Partial
        : IngestionRunStatus.Succeeded;

    private async Task SaveValidatorsAsync(IReadOnlyList<FetchValidator> validators, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var stored = await db.FetchValidators.FindAsync([validator.Url], cancellationToken);
            if (stored is null)
            {
                db.FetchValidators.Add(validator);
            }
            else if (stored.ETag != validator.ETag || stored.LastModified != validator.LastModified)
            {
                (stored.ETag, stored.LastModified, stored.UpdatedAt) = (validator.ETag, validator.LastModified, validator.UpdatedAt);
            }
        }
    }

    /// <summary>Records the run as failed with the reason; whatever its transaction had begun was rolled back.</summary>
    public async Task FailRunAsync(IngestionRun run, Exception exception)
    {
        logger.LogError(exception, "Ingestion run {RunId} from {Source} ({Origin}) failed", run.Id, run.Source, run.Origin);
        // Whatever the failed transaction left tracked is discarded; only the run's own outcome is written.
        db.ChangeTracker.Clear();
        run.Status = IngestionRunStatus.Failed;
        run.NewCount = run.UpdatedCount = run.UnchangedCount = 0;
        run.Error = exception.Message;
        run.FinishedAt = clock.GetUtcNow();
        // Update, not Attach: the failed save may already have set some of these values, which Attach would take as unchanged.
        db.IngestionRuns.Update(run);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception recordException) when (recordException is DbUpdateException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            logger.LogError(recordException, "Could not record the failure of ingestion run {RunId}", run.Id);
        }
    }

    /// <summary>
    /// Writes the papers and listings; gives each paper's change, the papers whose place on a day is new or moved
    /// (their values may be unchanged), and whether a source listed a day it had not listed before.
    /// </summary>
    private async Task<(Dictionary<string, PaperChange> Outcomes, HashSet<string> Relisted, bool NewDay)> ApplyAsync(
        ParseResult parsed, string source, CancellationToken cancellationToken)
    {
        parsed = await ResolveMergedIdsAsync(parsed, cancellationToken);
        var now = clock.GetUtcNow();
        var ids = parsed.ArxivIds();
        // Hidden papers too: they are still stored and updated, only not shown.
        var papers = await db.Papers.IgnoreQueryFilters().Include(p => p.Tags).Include(p => p.Edits).AsSplitQuery()
            .Where(p => ids.Contains(p.ArxivId)).ToDictionaryAsync(p => p.ArxivId, cancellationToken);
        var rules = TagRuleSet.Compile(await db.TagRules.AsNoTracking().ToListAsync(cancellationToken));
        var outcomes = new Dictionary<string, PaperChange>();
        var relisted = new HashSet<string>(StringComparer.Ordinal);
        var newDay = false;

        void Record(string id, PaperChange change)
        {
            // A paper that appears twice in one run is counted once, by its strongest change.
            outcomes[id] = outcomes.TryGetValue(id, out var earlier) && earlier > change ? earlier : change;
            if (change != PaperChange.Unchanged)
                SyncRuleTags(papers[id], rules);
        }

        foreach (var listing in parsed.Listings)
        {
            var days = await db.Listings
                .Where(l => l.Source == listing.Source && l.Day == listing.Day)
                .ToDictionaryAsync(l => l.ArxivId, cancellationToken);
            newDay |= days.Count == 0 && listing.Papers.Count > 0;
            for (var index = 0; index < listing.Papers.Count; index++)
            {
                var scraped = listing.Papers[index];
                Record(scraped.ArxivId, Upsert(papers, scraped, listing.Source, listing.Day, now));

                var rank = index + 1;
                var kind = listing.CrossListed.Contains(scraped.ArxivId) ? ListingKind.CrossList : ListingKind.New;
                if (!days.TryGetValue(scraped.ArxivId, out var existing))
                {
                    db.Listings.Add(new Listing { ArxivId = scraped.ArxivId, Source = listing.Source, Day = listing.Day, Rank = rank, Kind = kind });
                    relisted.Add(scraped.ArxivId);
                }
                else if (existing.Rank != rank || existing.Kind != kind)
                {
                    existing.Rank = rank;
                    existing.Kind = kind;
                    relisted.Add(scraped.ArxivId);
                }
            }
        }

        // Replacements and look-ups refresh what is known of a paper without listing it on any day.
        foreach (var scraped in parsed.Unlisted)
            Record(scraped.ArxivId, Upsert(papers, scraped, source, listingDay: null, now));

        return (outcomes, relisted, newDay);
    }

    // Sources may still list an id an admin merged into another record: what they say goes to the kept paper.
    private async Task<ParseResult> ResolveMergedIdsAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var ids = parsed.ArxivIds();
        var merged = await db.PaperAliases.Where(a => ids.Contains(a.AliasId)).ToDictionaryAsync(a => a.AliasId, a => a.ArxivId, cancellationToken);
        if (merged.Count == 0)
            return parsed;
        ScrapedPaper Resolve(ScrapedPaper paper) => merged.TryGetValue(paper.ArxivId, out var kept) ? paper with { ArxivId = kept } : paper;
        return parsed with
        {
            Listings = parsed.Listings.Select(listing => listing with
            {
                Papers = listing.Papers.Select(Resolve).DistinctBy(p => p.ArxivId).ToList(),
                CrossListed = listing.CrossListed.Select(id => merged.GetValueOrDefault(id, id)).ToHashSet(),
            }).ToList(),
            Unlisted = parsed.Unlisted.Select(Resolve).ToList(),
        };
    }

    // Rule tags follow the paper's current description; an unchanged paper keeps its tags without a query or a write.
    // Any row for a tag, a curator's removal included, means a rule does not add it.
    private static void SyncRuleTags(Paper paper, TagRuleSet rules)
    {
        var wanted = rules.TagsFor(paper);
        foreach (var tagId in wanted.Where(tagId => !paper.Tags.Any(t => t.TagId == tagId)))
            paper.Tags.Add(new PaperTag { ArxivId = paper.ArxivId, TagId = tagId, Origin = TagOrigin.Rule });
        foreach (var stale in paper.Tags.Where(t => t.Origin == TagOrigin.Rule && !wanted.Contains(t.TagId)).ToList())
            paper.Tags.Remove(stale);
    }

    private PaperChange Upsert(Dictionary<string, Paper> papers, ScrapedPaper scraped, string source, DateOnly? listingDay, DateTimeOffset now)
    {
        if (!papers.TryGetValue(scraped.ArxivId, out var paper))
        {
            paper = new Paper { ArxivId = scraped.ArxivId, Title = scraped.Title, FirstSeenAt = now, UpdatedAt = now };
            ScrapedFields.Apply(paper, scraped);
            paper.DescribedOnListingDay = listingDay;
            ApplyMetrics(paper, scraped, source, now);
            papers[paper.ArxivId] = paper;
            db.Papers.Add(paper);
            return PaperChange.New;
        }

        // A paper listed on several days is described as of each listing; a page of an earlier day (a re-import of an
        // old file, say) must not roll it back, or re-ingesting both days would write every time.
        if (listingDay is { } day)
        {
            if (paper.DescribedOnListingDay > day)
                return PaperChange.Unchanged;
            paper.DescribedOnListingDay = day;
        }
        var fieldsChanged = ScrapedFields.Apply(paper, scraped);
        var metricsChanged = ApplyMetrics(paper, scraped, source, now);
        if (!fieldsChanged && !metricsChanged)
            return PaperChange.Unchanged;
        if (fieldsChanged)
            paper.UpdatedAt = now;
        return PaperChange.Updated;
    }

    private bool ApplyMetrics(Paper paper, ScrapedPaper scraped, string source, DateTimeOffset now)
    {
        var changed = false;
        if (scraped.Upvotes is { } upvotes && upvotes != paper.Upvotes)
            (paper.Upvotes, changed) = (upvotes, true);
        if (scraped.Comments is { } comments && comments != paper.Comments)
            (paper.Comments, changed) = (comments, true);
        if (scraped.GithubStars is { } stars && stars != paper.GithubStars)
            (paper.GithubStars, changed) = (stars, true);
        if (changed)
        {
            db.PaperMetrics.Add(new PaperMetricSnapshot
            {
                ArxivId = paper.ArxivId, Source = source, ObservedAt = now,
                Upvotes = scraped.Upvotes, Comments = scraped.Comments, GithubStars = scraped.GithubStars,
            });
        }
        return changed;
    }

    // Ordered by strength, so the strongest change wins when a paper appears twice in one run.
    private enum PaperChange
    {
        Unchanged,
        Updated,
        New,
    }
}
