using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperEditConfiguration : IEntityTypeConfiguration<PaperEdit>
{
    public void Configure(EntityTypeBuilder<PaperEdit> edit)
    {
        edit.ToTable("paper_edits");
        edit.HasKey(e => new { e.ArxivId, e.Field });
        edit.Property(e => e.Field).HasConversion<string>().HasMaxLength(20);
        edit.Property(e => e.EditedBy).HasMaxLength(256);
        edit.HasOne<Paper>().WithMany(p => p.Edits).HasForeignKey(e => e.ArxivId).OnDelete(DeleteBehavior.Cascade);
    }
}
