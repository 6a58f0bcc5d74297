using System.Globalization;
using BenchmarkDotNet.Running;
using PaperDigest.Benchmarks;

// parse: BenchmarkDotNet over the Hugging Face parsers. ingest [COUNT] [RUNS]: bulk ingest against COPY.
// fill DATA_DIR COUNT: a data folder with COUNT generated papers (for bench/pages.sh). search DATA_DIR [RUNS]: search latency.
// meaning [PAPERS]: embedding throughput, vector index memory and latency. related DATA_DIR: related papers' category agreement.
// models DATA_DIR [DAYS]: the candidate embedding models compared.
// digest DATA_DIR run|baseline|baseline-fresh [SUBSCRIBERS]: one digest sending measurement (bench/digest.sh runs them in turn).
switch (args)
{
    case ["parse", .. var rest]:
        // Results go under bench/artifacts (ignored by git), not into whatever folder the command was started from.
        BenchmarkRunner.Run<ParserBenchmarks>(
            BenchmarkDotNet.Configs.ManualConfig.Create(BenchmarkDotNet.Configs.DefaultConfig.Instance).WithArtifactsPath(Path.Combine(RepositoryFiles.Root, "bench", "artifacts")), rest);
        return 0;
    case ["ingest", .. var rest]:
        var count = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000;
        var runs = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 3;
        await IngestBenchmark.RunAsync(count, runs);
        return 0;
    case ["fill", var dataDirectory, var papers]:
        await FilledDatabase.FillAsync(dataDirectory, int.Parse(papers, CultureInfo.InvariantCulture));
        return 0;
    case ["search", var dataDirectory, .. var rest]:
        await SearchLatencyBenchmark.RunAsync(dataDirectory, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 5);
        return 0;
    case ["meaning", .. var rest]:
        await MeaningBenchmark.RunAsync(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 1_000_000);
        return 0;
    case ["models", var dataDirectory, .. var rest]:
        await ModelComparison.RunAsync(dataDirectory, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 24);
        return 0;
    case ["related", var dataDirectory, .. var rest]:
        await RelatedAgreementBenchmark.RunAsync(dataDirectory, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 2_000,
            rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 300);
        return 0;
    case ["digest", var dataDirectory, var mode and ("run" or "baseline" or "baseline-fresh"), .. var rest]:
        await DigestBenchmark.RunAsync(dataDirectory, mode, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000);
        return 0;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/PaperDigest.Benchmarks -- parse | ingest [COUNT] [RUNS] | fill DATA_DIR COUNT | search DATA_DIR [RUNS] | meaning [PAPERS] | related DATA_DIR [PAPERS] [SAMPLED] | models DATA_DIR [DAYS] | digest DATA_DIR run|baseline|baseline-fresh [SUBSCRIBERS]");
        return 2;
}
