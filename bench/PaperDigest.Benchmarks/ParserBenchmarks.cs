using System.Text.Json;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using PaperDigest.Core.Ingestion.HuggingFace;

namespace PaperDigest.Benchmarks;

/// <summary>
/// The source parsers on real fixtures, each beside its baseline in the same run: the bare JSON or HTML parse
/// of the same text, which the parser cannot beat. Papers/s = papers on the page / mean time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class ParserBenchmarks
{
    private static readonly DateOnly ApiDay = new(2026, 8, 18);
    private static readonly DateOnly PageDay = new(2024, 8, 1);
    private string apiJson = "";
    private string pageHtml = "";
    private string arxivHtml = "";

    [GlobalSetup]
    public void Load()
    {
        apiJson = File.ReadAllText(RepositoryFiles.Fixture("huggingface/api/2026-08-18.json"));
        pageHtml = File.ReadAllText(RepositoryFiles.Fixture("huggingface/html/papers-date-2024-08-01.html"));
        arxivHtml = File.ReadAllText(RepositoryFiles.Fixture("arxiv/listing/astro-ph.CO-pastweek-2022-11-22.html"));
    }

    [Benchmark(Description = "API JSON, 29 papers: HuggingFaceApiParser")]
    public int ApiParser() => HuggingFaceApiParser.Parse(apiJson, ApiDay).PaperCount;

    [Benchmark(Description = "API JSON baseline: JsonDocument.Parse only")]
    public int ApiBaseline()
    {
        using var document = JsonDocument.Parse(apiJson);
        return document.RootElement.GetArrayLength();
    }

    [Benchmark(Description = "Page HTML, 13 papers: HuggingFacePageParser")]
    public int PageParser() => HuggingFacePageParser.Parse(pageHtml, PageDay).PaperCount;

    [Benchmark(Description = "Page HTML baseline: AngleSharp parse only")]
    public int PageBaseline() => new HtmlParser().ParseDocument(pageHtml).All.Length;

    [Benchmark(Description = "arXiv pastweek HTML, 89 papers: ArxivListingParser")]
    public int ArxivListingParser() => Core.Ingestion.Arxiv.ArxivListingParser.Parse(arxivHtml, null).PaperCount;

    [Benchmark(Description = "arXiv pastweek baseline: AngleSharp parse only")]
    public int ArxivListingBaseline() => new HtmlParser().ParseDocument(arxivHtml).All.Length;
}
