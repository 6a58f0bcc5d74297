using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Admin;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>Admin accounts and signed-in clients for tests, going through the real sign-in form.</summary>
internal static class AdminSession
{
    public const string Password = "correct horse battery staple";

    /// <summary>A client on https (the admin cookies are Secure) that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Client(PaperDigestAppFactory app) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public static async Task<string> CreateAdminAsync(PaperDigestAppFactory app)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>()
            .CreateAsync(new AdminUser { UserName = email, Email = email, EmailConfirmed = true }, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return email;
    }

    /// <summary>Fills in and posts the sign-in form as a browser would, hidden fields (handler, antiforgery token) included.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string path = "/admin/signin") =>
        PostFormAsync(client, path, "form[method=post]", ("Input.Email", email), ("Input.Password", password));

    /// <summary>
    /// Loads <paramref name="path"/> and posts the form <paramref name="formSelector"/> finds as a browser would, to its
    /// action (or back to the page): its hidden fields, its other fields' current values unless <paramref name="values"/>
    /// names them, plus the rest of <paramref name="values"/> (a pressed button, ticked boxes, or a forged field). Like a
    /// browser, it follows the 303 that answers an action that changed something, and returns the page it leads to.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, string formSelector, params (string Name, string Value)[] values)
    {
        var response = await PostFormAsync(client, path, formSelector, values);
        return response.StatusCode == System.Net.HttpStatusCode.SeeOther
            ? await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken)
            : response;
    }

    /// <summary>Posts the form as <see cref="SubmitAsync"/> does, and returns the POST's own answer.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formSelector, params (string Name, string Value)[] values)
    {
        var (_, page) = await HtmlPages.GetAsync(client, path);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {path}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var field in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = field.GetAttribute("name");
            var type = field.GetAttribute("type");
            if (name is null || type is "checkbox" or "submit" || values.Any(v => v.Name == name))
                continue;
            var value = field.LocalName switch
            {
                "textarea" => field.TextContent,
                "select" => (field.QuerySelector("option[selected]") ?? field.QuerySelector("option"))?.GetAttribute("value") ?? "",
                _ => field.GetAttribute("value") ?? "",
            };
            fields.Add(KeyValuePair.Create(name, value));
        }
        fields.AddRange(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));
        // Actions are relative to the pages' <base href="/">.
        var target = form.GetAttribute("action") is { Length: > 0 } action ? "/" + action.TrimStart('/') : path;
        return await client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    public static async Task<HttpClient> SignedInClientAsync(PaperDigestAppFactory app)
    {
        var client = Client(app);
        var response = await SignInAsync(client, await CreateAdminAsync(app), Password);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        return client;
    }
}
