using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperEmbeddingConfiguration : IEntityTypeConfiguration<PaperEmbedding>
{
    public void Configure(EntityTypeBuilder<PaperEmbedding> builder)
    {
        builder.ToTable("paper_embeddings");
        builder.HasKey(e => e.ArxivId);
        // A merged or deleted paper takes its vector with it.
        builder.HasOne<Paper>().WithOne().HasForeignKey<PaperEmbedding>(e => e.ArxivId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Model).IsRequired();
        builder.Property(e => e.Vector).IsRequired();
    }
}
