using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class AutoTagRuleConfiguration : IEntityTypeConfiguration<AutoTagRule>
{
    public void Configure(EntityTypeBuilder<AutoTagRule> rule)
    {
        rule.ToTable("tag_rules");
        rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        rule.Property(r => r.Field).HasConversion<string>().HasMaxLength(20);
        rule.Property(r => r.Pattern).HasMaxLength(AutoTagRule.MaxPatternLength);
        rule.Property(r => r.CreatedBy).HasMaxLength(256);
        rule.HasOne(r => r.Tag).WithMany().HasForeignKey(r => r.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
