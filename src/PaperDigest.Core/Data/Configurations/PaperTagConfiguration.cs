using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperTagConfiguration : IEntityTypeConfiguration<PaperTag>
{
    public void Configure(EntityTypeBuilder<PaperTag> paperTag)
    {
        paperTag.ToTable("paper_tags");
        paperTag.HasKey(pt => new { pt.ArxivId, pt.TagId });
        paperTag.Property(pt => pt.Origin).HasConversion<string>().HasMaxLength(20);
        paperTag.HasOne(pt => pt.Paper).WithMany(p => p.Tags).HasForeignKey(pt => pt.ArxivId).OnDelete(DeleteBehavior.Cascade);
        paperTag.HasOne(pt => pt.Tag).WithMany(t => t.Papers).HasForeignKey(pt => pt.TagId).OnDelete(DeleteBehavior.Cascade);
        paperTag.HasIndex(pt => pt.TagId);
        // Tags a curator removed are remembered (so rules leave them off) but never shown; ingestion sees them through
        // IgnoreQueryFilters().
        paperTag.HasQueryFilter(pt => pt.Origin != TagOrigin.Removed);
    }
}
