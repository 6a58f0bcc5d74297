using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion;

/// <summary>Fills an empty database with the few real days of listings shipped in this assembly, so a first run shows papers offline.</summary>
public sealed class SampleListingImporter(PaperDigestDbContext db, ListingIngestionService ingestion, ILogger<SampleListingImporter> logger)
{
    private const string ResourcePrefix = "PaperDigest.Sample.";

    public async Task<int> ImportIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Papers.IgnoreQueryFilters().AnyAsync(cancellationToken))
            return 0;
        var imported = await ImportAsync(cancellationToken);
        logger.LogInformation("The database was empty, so {Count} sample papers were imported", imported);
        return imported;
    }

    /// <summary>Ingests every sample day, as a scrape of those days would; returns the number of new papers.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var assembly = typeof(SampleListingImporter).Assembly;
        var imported = 0;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var run = await ingestion.IngestAsync(ListingSources.HuggingFace, "sample:" + resource[ResourcePrefix.Length..],
                async token =>
                {
                    await using var stream = assembly.GetManifestResourceStream(resource)!;
                    using var reader = new StreamReader(stream);
                    return HuggingFaceApiParser.Parse(await reader.ReadToEndAsync(token), ListingDay.FromFileName(resource));
                },
                cancellationToken);
            imported += run.NewCount;
        }
        return imported;
    }
}
