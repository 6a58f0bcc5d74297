using Microsoft.AspNetCore.Identity;

namespace PaperDigest.Core.Admin;

/// <summary>
/// Someone who may sign in to /admin. Every admin may do everything, so there are no roles; the account is stored by
/// ASP.NET Core Identity in PaperDigest's own database.
/// </summary>
public sealed class AdminUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
