using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class SourceHealthConfiguration : IEntityTypeConfiguration<SourceHealth>
{
    public void Configure(EntityTypeBuilder<SourceHealth> health)
    {
        health.ToTable("source_health");
        health.HasKey(h => h.Source);
        health.Property(h => h.Source).HasMaxLength(40);
    }
}
