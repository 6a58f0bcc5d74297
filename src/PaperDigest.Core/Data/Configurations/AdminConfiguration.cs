using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.Property(e => e.Actor).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Subject).HasMaxLength(300);
        entry.HasIndex(e => e.At);
    }
}

/// <summary>Identity's tables under names that say what they hold (Identity's own are AspNetUsers and so on).</summary>
internal static class AdminAccountTables
{
    public static void Rename(ModelBuilder model)
    {
        model.Entity<AdminUser>().ToTable("admin_users");
        model.Entity<IdentityUserClaim<string>>().ToTable("admin_user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("admin_user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("admin_user_tokens");
    }
}
