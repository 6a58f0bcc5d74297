using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class DigestEditionConfiguration : IEntityTypeConfiguration<DigestEdition>
{
    public void Configure(EntityTypeBuilder<DigestEdition> edition)
    {
        edition.ToTable("digest_editions");
        edition.Property(e => e.Frequency).HasConversion<string>().HasMaxLength(10);
        edition.HasIndex(e => new { e.Frequency, e.LastDay }).IsUnique();
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> delivery)
    {
        delivery.ToTable("digest_deliveries");
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(10);
        delivery.Property(d => d.Error).HasMaxLength(1000);
        delivery.HasIndex(d => new { d.SubscriberId, d.EditionId }).IsUnique();
        // The sender's claim query walks one edition's unfinished rows in id order.
        delivery.HasIndex(d => new { d.EditionId, d.Id }).HasFilter(DigestLedger.UnfinishedFilter);
        delivery.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<DigestEdition>().WithMany().HasForeignKey(d => d.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}
