using System.Globalization;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;

namespace PaperDigest.Web.CommandLine;

/// <summary>
/// <c>embed</c>: embeds every paper without an up-to-date vector (a backfill after an import, or after the model
/// changed), drawing a progress bar with the count, the rate and the time left. Stopped, it resumes where it was.
/// </summary>
internal sealed class EmbedVerb : DatabaseVerb
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(2);

    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Enabled)
        {
            await output.WriteLineAsync("Embedding is turned off (Embeddings:Enabled is false); turn it on to embed papers.");
            return 1;
        }
        await database.MigrateAsync(cancellationToken);
        var embedder = services.GetRequiredService<PaperEmbedder>();
        var bar = new ProgressBar(output, Console.IsOutputRedirected || output != Console.Out);
        var embedded = await embedder.EmbedPendingAsync(new SynchronousProgress<EmbeddingProgress>(bar.Show), cancellationToken);
        bar.Finish();
        if (embedded is null)
        {
            await output.WriteLineAsync("Another PaperDigest process is embedding papers now; wait for it to finish, or stop it and run embed again.");
            return 1;
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Embedded {embedded:N0} papers with {embedder.Model}."));
        return 0;
    }

    // Redraws one line on a terminal; writes a line every few seconds of the run when the output is a file or a pipe,
    // where carriage returns would pile up.
    private sealed class ProgressBar(TextWriter output, bool lines)
    {
        private const int Width = 30;
        private TimeSpan? lastLine;
        private EmbeddingProgress? last;

        public void Show(EmbeddingProgress progress)
        {
            last = progress;
            if (lines && progress.Elapsed - lastLine < ReportEvery && progress.Remaining > 0)
                return;
            lastLine = progress.Elapsed;
            var line = Describe(progress);
            if (lines)
                output.WriteLine(line);
            else
                output.Write("\r" + line);
        }

        public void Finish()
        {
            if (!lines && last is not null)
                output.WriteLine();
        }

        private static string Describe(EmbeddingProgress progress)
        {
            var total = progress.Embedded + progress.Remaining;
            var done = total == 0 ? Width : (int)((long)progress.Embedded * Width / total);
            var left = progress.TimeLeft is { } time ? time.ToString(time.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "–";
            return string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', done)}{new string('-', Width - done)}] {progress.Embedded:N0} / {total:N0} papers · {progress.PapersPerSecond:N0} papers/s · {left} left");
        }
    }

    // Progress<T> reports on the thread pool, out of order with the lines written after the run.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
