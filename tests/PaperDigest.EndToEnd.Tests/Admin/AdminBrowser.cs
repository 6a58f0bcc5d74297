using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaperDigest.Core.Admin;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Admin;

/// <summary>A curator's browser session: an admin account, and a page signed in through the real sign-in form.</summary>
internal static class AdminBrowser
{
    private const string Email = "curator@example.com";
    private const string Password = "a long enough passphrase";

    /// <summary>Signs in from <paramref name="path"/> (which sends an anonymous visitor to sign in) and returns there.</summary>
    public static async Task<IPage> SignedInPageAsync(RunningApp app, ChromiumBrowser chromium, string path = "admin/papers", bool bypassCsp = false)
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
            if (await users.FindByEmailAsync(Email) is null)
                Assert.True((await users.CreateAsync(new AdminUser { UserName = Email, Email = Email, EmailConfirmed = true }, Password)).Succeeded);
        }
        var page = await chromium.NewPageAsync(bypassCsp);
        await page.GotoAsync(new Uri(app.BaseAddress, path).AbsoluteUri);
        await page.WaitForURLAsync("**/admin/signin?ReturnUrl=*", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/" + path, new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }
}
