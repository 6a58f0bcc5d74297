using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Interests;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperFeedbackConfiguration : IEntityTypeConfiguration<PaperFeedback>
{
    public void Configure(EntityTypeBuilder<PaperFeedback> builder)
    {
        builder.ToTable("paper_feedback");
        builder.HasKey(f => new { f.SubscriberId, f.ArxivId });
        builder.Property(f => f.Signal).HasConversion<string>().HasMaxLength(10);
        // Deleting a subscriber's data deletes what they said; a paper merged away takes its feedback with it.
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(f => f.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Paper>().WithMany().HasForeignKey(f => f.ArxivId).OnDelete(DeleteBehavior.Cascade);
    }
}
