using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>Looks up the validators a URL last answered with.</summary>
public sealed class FetchValidators(PaperDigestDbContext db)
{
    public Task<FetchValidator?> FindAsync(Uri url, CancellationToken cancellationToken) =>
        db.FetchValidators.AsNoTracking().FirstOrDefaultAsync(v => v.Url == url.AbsoluteUri, cancellationToken);
}
