using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Background;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class BackgroundTaskConfiguration : IEntityTypeConfiguration<BackgroundTask>
{
    public void Configure(EntityTypeBuilder<BackgroundTask> task)
    {
        task.ToTable("background_tasks");
        task.Property(t => t.Subject).HasMaxLength(200);
        task.Property(t => t.Description).HasMaxLength(500);
        task.Property(t => t.RequestedBy).HasMaxLength(256);
        task.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        task.Property(t => t.Detail).HasMaxLength(2000);
        task.HasIndex(t => new { t.Subject, t.Id });
    }
}
