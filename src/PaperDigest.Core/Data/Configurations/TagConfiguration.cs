using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.ToTable("tags");
        tag.Property(t => t.Slug).HasMaxLength(80);
        tag.Property(t => t.Name).HasMaxLength(120);
        tag.HasIndex(t => t.Slug).IsUnique();
        // Kept by the database (migration TagPaperCounts): read back after a save, never sent.
        tag.Property(t => t.PaperCount).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate()
            .Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
