using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace PaperDigest.Core.Data;

/// <summary>The one place the context's provider settings live, shared by the app, the tools and the tests.</summary>
public static class PaperDigestDbContextOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(typeof(PaperDigestDbContext).Assembly.GetName().Name)
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // EF warns that a paper's listings, tags and metrics do not inherit the hidden-paper filter. That is meant:
            // they are reached through their paper, and the one place that counts them alone (tag counts) says so.
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    public static DbContextOptions<PaperDigestDbContext> Create(string connectionString) =>
        ((DbContextOptionsBuilder<PaperDigestDbContext>)Configure(new DbContextOptionsBuilder<PaperDigestDbContext>(), connectionString)).Options;
}
