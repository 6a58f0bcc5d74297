using Microsoft.Extensions.Options;
using PaperDigest.Core;
using PaperDigest.Core.Data;
using Quartz;
using Quartz.Impl.AdoJobStore;
using Quartz.Impl.AdoJobStore.Common;

namespace PaperDigest.Web.Jobs;

/// <summary>Quartz on its persistent, clustered store in the app's database: each firing runs on one instance only.</summary>
internal static class JobsSetup
{
    public static WebApplicationBuilder AddPaperDigestJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SchedulingOptions>(SchedulingOptions.Section);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "PaperDigest";
                // Each instance of the app needs its own id within the cluster.
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                // Connections come from the server start-up chose (perhaps the embedded one), asked for when the scheduler starts.
                store.UseConnectionProvider(services => new DbProvider("Npgsql", services.GetRequiredService<DatabaseConnection>().ConnectionString));
                store.UseDriverDelegate<PostgreSQLDelegate>();
                // The tables come from a migration (QuartzTables), never from the scheduler itself.
                store.ConfigureStore(options => options.TablePrefix = QuartzSchema.TablePrefix);
                store.UseClustering(_ => { });
            });

            Schedule<IngestListingsJob>(options => options.IngestListingsCron);
            Schedule<SendDailyDigestJob>(options => options.DailyDigestCron);
            Schedule<SendWeeklyDigestJob>(options => options.WeeklyDigestCron);
            Schedule<PruneLinkTokensJob>(options => options.PruneLinkTokensCron);

            void Schedule<TJob>(Func<SchedulingOptions, string> cron) where TJob : IJob
            {
                var key = new JobKey(typeof(TJob).Name);
                quartz.AddJob<TJob>(job => job.WithIdentity(key).StoreDurably().DisallowConcurrentExecution());
                // Built from the service provider, so the cron comes from the host's final configuration.
                quartz.AddTrigger<TJob>((services, trigger) => trigger
                    .ForJob(key)
                    .WithIdentity(typeof(TJob).Name + ".schedule")
                    // Missed firings during downtime collapse into one, run as soon as the app is back.
                    .WithCronSchedule(cron(services.GetRequiredService<IOptions<SchedulingOptions>>().Value),
                        schedule => schedule.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
        });
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.Services.AddScoped<JobControl>();
        return builder;
    }
}
