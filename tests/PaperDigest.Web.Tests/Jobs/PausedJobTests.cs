using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Testing;
using PaperDigest.Web.Jobs;
using Quartz;

namespace PaperDigest.Web.Tests.Jobs;

public sealed class PausedJobTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AJobAnAdminPausedStaysPausedWhenTheAppRestarts()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var job = new JobKey(nameof(SendDailyDigestJob));
        var schedule = new TriggerKey(nameof(SendDailyDigestJob) + ".schedule");
        await using (var before = new PaperDigestAppFactory(connectionString))
        {
            before.StartServer();
            var scheduler = await before.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Cancel);
            await scheduler.PauseJob(job, Cancel);
            Assert.Equal(TriggerState.Paused, await scheduler.GetTriggerState(schedule, Cancel));
        }

        await using var after = new PaperDigestAppFactory(connectionString);
        after.StartServer();
        var restarted = await after.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Cancel);

        Assert.Equal(TriggerState.Paused, await restarted.GetTriggerState(schedule, Cancel));
    }
}
