using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperMetricSnapshotConfiguration : IEntityTypeConfiguration<PaperMetricSnapshot>
{
    public void Configure(EntityTypeBuilder<PaperMetricSnapshot> snapshot)
    {
        snapshot.ToTable("paper_metrics");
        snapshot.Property(s => s.Source).HasMaxLength(40);
        snapshot.HasOne(s => s.Paper).WithMany(p => p.MetricSnapshots).HasForeignKey(s => s.ArxivId).OnDelete(DeleteBehavior.Cascade);
        snapshot.HasIndex(s => new { s.ArxivId, s.ObservedAt });
    }
}
