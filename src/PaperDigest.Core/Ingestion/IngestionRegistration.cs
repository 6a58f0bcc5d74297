using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Ingestion.Arxiv;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;
using Polly;

namespace PaperDigest.Core.Ingestion;

/// <summary>Registers the ingestion services, the sources and the fetcher with its resilience pipeline.</summary>
public static class IngestionRegistration
{
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton<PublicPageCache>();
        services.AddScoped<ListingStore>();
        services.AddScoped<ListingIngestionService>();
        services.AddScoped<SavedFileImporter>();
        services.AddScoped<SampleListingImporter>();

        services.AddValidatedOptions<IngestionOptions>(IngestionOptions.Section);
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var arxivHosts = new[] { settings.Arxiv.BaseUrl.Authority, settings.Arxiv.ApiBaseUrl.Authority };
            return new HostPacer(
                host => arxivHosts.Contains(host, StringComparer.OrdinalIgnoreCase) ? settings.Arxiv.RequestDelay : settings.HuggingFace.RequestDelay,
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddTransient<PolitenessHandler>();
        var client = services.AddHttpClient<SourceFetcher>((sp, http) =>
            {
                http.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.UserAgent);
                // The resilience pipeline times attempts and the whole call; the client's own timeout stays out of its way.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        client.ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            ConnectCallback = PublicAddresses.ConnectCallback(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.AllowPrivateAddresses),
        });
        // Handlers added first wrap those added later: the pipeline retries around the pacing, so retries are paced too.
        client.AddResilienceHandler("sources", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<IngestionOptions>>().Value;
                pipeline
                    .AddTimeout(settings.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = settings.RetryBaseDelay,
                        ShouldRetryAfterHeader = true,
                    })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions { MinimumThroughput = 5, BreakDuration = TimeSpan.FromMinutes(1) })
                    .AddTimeout(settings.AttemptTimeout);
            });
        client.AddHttpMessageHandler<PolitenessHandler>();

        services.AddScoped<FormatDriftGuard>();
        services.AddScoped<IListingSource, HuggingFaceSource>();
        services.AddScoped<IListingSource, ArxivSource>();
        services.AddScoped<SourceIngestion>();
        services.AddScoped<Thumbnails.ThumbnailCopier>();
            return services;
    }
}
