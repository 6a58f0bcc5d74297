using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PaperDigest.Core.Data;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Core.Site;

namespace PaperDigest.Core;

/// <summary>Registers everything PaperDigest needs apart from hosting: the database, ingestion and their settings.</summary>
public static class DependencyInjection
{
    public static IHostApplicationBuilder AddPaperDigestCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSingleton<DatabaseConnection>();
        services.AddSingleton<DatabaseStartup>();
        // Registered first so the database is ready before any other hosted service or the web server starts.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<DatabaseStartup>()));
        services.AddDbContextFactory<PaperDigestDbContext>((sp, options) =>
            PaperDigestDbContextOptions.Configure(options, sp.GetRequiredService<DatabaseConnection>().ConnectionString));

        services.AddDataProtection().SetApplicationName("PaperDigest").PersistKeysToDbContext<PaperDigestDbContext>();

        services.AddScoped<Admin.AuditLog>();
        services.AddScoped<Papers.Curation.PaperCuration>();
        services.AddScoped<Papers.Curation.PaperEditing>();
        services.AddScoped<SubscriberAdministration>();
        services.AddScoped<DigestAdministration>();
        services.AddScoped<Background.BackgroundTasks>();
        services.AddScoped<SourceAdministration>();
        services.AddScoped<Tags.TagCuration>();
        services.AddScoped<Tags.TagRuleAdministration>();
        services.AddScoped<Papers.Curation.PaperMerging>();
        services.AddIngestion();
        services.AddDigests();
        return builder;
    }

    /// <summary>The embedding model, the backlog's embedder and the in-memory vector index (Embeddings).</summary>
    public static IServiceCollection AddMeaning(this IServiceCollection services)
    {
        services.AddValidatedOptions<Meaning.EmbeddingOptions>(Meaning.EmbeddingOptions.Section);
        services.TryAddSingleton(sp => Meaning.EmbeddingGenerators.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Meaning.EmbeddingOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Meaning.PaperEmbedder>();
        services.AddSingleton(sp => new Meaning.PaperVectorIndex(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Meaning.EmbeddingOptions>>().Value.Dimensions));
        services.AddSingleton<Meaning.SemanticSearch>();
        services.AddSingleton<Meaning.PaperVectorLoader>();
        return services;
    }

    /// <summary>Mail, subscriptions and the digest sender, with their settings (Smtp, Site, Digests).</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.AddValidatedOptions<MailOptions>(MailOptions.Section);
        services.AddValidatedOptions<SiteOptions>(SiteOptions.Section);
        services.AddSingleton<SiteAddress>();
        services.AddValidatedOptions<DigestOptions>(DigestOptions.Section);
        services.AddSingleton<MailSenders>();
        services.AddSingleton<MailComposer>();
        services.AddScoped<SubscriptionService>();
        services.AddScoped<LinkTokenRetention>();
        services.AddScoped<DigestLedgerRetention>();
        services.AddScoped<TrendingPapers>();
        services.TryAddSingleton<PublicPageCache>();
        services.AddScoped<DigestEditions>();
        services.AddScoped<Interests.InterestProfiles>();
        services.AddScoped<Interests.ReaderFeedback>();
        services.AddScoped<DigestLedger>();
        services.AddScoped<DigestSender>();
        services.AddScoped<DigestPreparer>();
        services.AddScoped<DigestRenderers>();   // scoped: Blazor's renderer resolves scoped services from the provider it is given
        services.AddSingleton<DigestLinks>();
        // Topics and personal order weigh papers by their embeddings.
        services.AddMeaning();
        return services;
    }
}
