using System.Globalization;
using BenchmarkDotNet.Running;
using PaperDigest.Benchmarks;

// parse: BenchmarkDotNet over the Hugging Face parsers. ingest [COUNT] [RUNS]: bulk ingest against COPY.
switch (args)
{
    case ["parse", .. var rest]:
        BenchmarkRunner.Run<ParserBenchmarks>(args: rest);
        return 0;
    case ["ingest", .. var rest]:
        var count = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000;
        var runs = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 3;
        await IngestBenchmark.RunAsync(count, runs);
        return 0;
    default:
        Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/PaperDigest.Benchmarks -- parse | ingest [COUNT] [RUNS]");
        return 2;
}
