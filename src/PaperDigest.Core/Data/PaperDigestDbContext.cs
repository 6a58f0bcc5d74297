using PaperDigest.Core.Background;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Data.Configurations;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Data;

/// <summary>
/// The application's one database context; services use it directly, with no repository layer. It also holds the
/// admins' accounts (ASP.NET Core Identity's user store, without roles: every admin may do everything).
/// </summary>
public sealed class PaperDigestDbContext(DbContextOptions<PaperDigestDbContext> options) : IdentityUserContext<AdminUser>(options), IDataProtectionKeyContext
{
    public DbSet<Paper> Papers => Set<Paper>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<PaperMetricSnapshot> PaperMetrics => Set<PaperMetricSnapshot>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Papers.Thumbnails.PaperThumbnail> PaperThumbnails => Set<Papers.Thumbnails.PaperThumbnail>();
    public DbSet<Papers.Search.SearchWord> SearchWords => Set<Papers.Search.SearchWord>();
    public DbSet<PaperTag> PaperTags => Set<PaperTag>();
    public DbSet<AutoTagRule> TagRules => Set<AutoTagRule>();
    public DbSet<PaperEdit> PaperEdits => Set<PaperEdit>();
    public DbSet<PaperAlias> PaperAliases => Set<PaperAlias>();
    public DbSet<TagAlias> TagAliases => Set<TagAlias>();
    public DbSet<BackgroundTask> BackgroundTasks => Set<BackgroundTask>();
    public DbSet<Subscriptions.Subscriber> Subscribers => Set<Subscriptions.Subscriber>();
    public DbSet<Subscriptions.SubscriberToken> SubscriberTokens => Set<Subscriptions.SubscriberToken>();
    public DbSet<Digests.DigestEdition> DigestEditions => Set<Digests.DigestEdition>();
    public DbSet<Digests.DigestDelivery> DigestDeliveries => Set<Digests.DigestDelivery>();
    public DbSet<IngestionRun> IngestionRuns => Set<IngestionRun>();
    public DbSet<SourceHealth> SourceHealth => Set<SourceHealth>();
    public DbSet<FetchValidator> FetchValidators => Set<FetchValidator>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Meaning.PaperEmbedding> PaperEmbeddings => Set<Meaning.PaperEmbedding>();
    public DbSet<Interests.PaperFeedback> PaperFeedback => Set<Interests.PaperFeedback>();
    // Data Protection keys live in the database so cookies and tokens survive restarts and work across instances.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        AdminAccountTables.Rename(builder);
        builder.HasPostgresExtension("pg_trgm").HasPostgresExtension("unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(PaperDigestDbContext).Assembly);
        builder.HasDbFunction(typeof(SearchFunctions).GetMethod(nameof(SearchFunctions.Unaccent))!).HasName("paperdigest_unaccent").HasSchema("public");
    }
}
