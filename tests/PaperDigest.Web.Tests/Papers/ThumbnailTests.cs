using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

public sealed class ThumbnailTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task OnlyCardsWithACopiedThumbnailShowOneAndTheAppServesIt()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, $"""
            INSERT INTO paper_thumbnails (arxiv_id, image, content_type, attempted_at)
            VALUES ('2608.19880', decode('{FakeSources.OnePixelPng}', 'base64'), 'image/png', now())
            """);
        var client = app.Factory.CreateClient();

        var (_, page) = await HtmlPages.GetAsync(client, "/papers/date/2026-08-21");
        var image = await client.GetAsync(new Uri("/thumbnails/2608.19880", UriKind.Relative), TestContext.Current.CancellationToken);
        var missing = await client.GetAsync(new Uri("/thumbnails/2608.17253", UriKind.Relative), TestContext.Current.CancellationToken);

        var thumbnails = page.QuerySelectorAll(".paper-card img.paper-thumbnail").Select(i => i.GetAttribute("src")).ToList();
        Assert.Equal(["thumbnails/2608.19880"], thumbnails);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Convert.FromBase64String(FakeSources.OnePixelPng), await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
