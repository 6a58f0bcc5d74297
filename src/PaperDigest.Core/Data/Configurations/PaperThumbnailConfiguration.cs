using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Thumbnails;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperThumbnailConfiguration : IEntityTypeConfiguration<PaperThumbnail>
{
    public void Configure(EntityTypeBuilder<PaperThumbnail> thumbnail)
    {
        thumbnail.ToTable("paper_thumbnails");
        thumbnail.HasKey(t => t.ArxivId);
        thumbnail.Property(t => t.ContentType).HasMaxLength(40);
        thumbnail.Property(t => t.Error).HasMaxLength(500);
        thumbnail.HasOne<Paper>().WithOne(p => p.Thumbnail).HasForeignKey<PaperThumbnail>(t => t.ArxivId).OnDelete(DeleteBehavior.Cascade);
    }
}
