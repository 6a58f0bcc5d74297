using System.Text;
using Microsoft.AspNetCore.Identity;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Data;

namespace PaperDigest.Web.CommandLine;

/// <summary>
/// <c>admin create --email E [--password P]</c>: creates an admin account, the way the first admin comes to be.
/// Without --password it asks for one and does not echo it (or reads a line from standard input when that is not a
/// terminal), so the password need not appear in the shell's history.
/// </summary>
internal sealed class AdminVerb(string email, string? password) : DatabaseVerb
{
    private const string Usage = "admin create --email E [--password P]";

    public static AdminVerb Parse(string[] arguments) => arguments switch
    {
        ["create", "--email", var email] => new AdminVerb(email, null),
        ["create", "--email", var email, "--password", var password] => new AdminVerb(email, password),
        ["create", "--password", var password, "--email", var email] => new AdminVerb(email, password),
        _ => throw new VerbUsageException($"Usage: {Usage}"),
    };

    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var admin = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() };
        var result = await users.CreateAsync(admin, password ?? await AskForPasswordAsync(output));
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"The admin was not created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return 1;
        }
        scope.ServiceProvider.GetRequiredService<AuditLog>().Add("command line", "admin.create", $"admin {email}");
        await scope.ServiceProvider.GetRequiredService<PaperDigestDbContext>().SaveChangesAsync(cancellationToken);
        await output.WriteLineAsync($"Admin {email} created; sign in at /admin/signin.");
        return 0;
    }

    private static async Task<string> AskForPasswordAsync(TextWriter output)
    {
        await output.WriteAsync("Password (not shown): ");
        if (Console.IsInputRedirected)
            return await Console.In.ReadLineAsync() ?? "";
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                typed.Length--;
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
        await output.WriteLineAsync();
        return typed.ToString();
    }
}
