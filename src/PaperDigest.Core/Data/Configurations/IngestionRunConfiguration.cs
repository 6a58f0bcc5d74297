using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class IngestionRunConfiguration : IEntityTypeConfiguration<IngestionRun>
{
    public void Configure(EntityTypeBuilder<IngestionRun> run)
    {
        run.ToTable("ingestion_runs");
        run.Property(r => r.Source).HasMaxLength(40);
        run.Property(r => r.Origin).HasMaxLength(2000);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        run.Property(r => r.RunBy).HasMaxLength(300);
        run.HasIndex(r => new { r.Source, r.StartedAt });
    }
}
