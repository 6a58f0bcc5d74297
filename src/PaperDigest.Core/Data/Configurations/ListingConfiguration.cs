using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> listing)
    {
        listing.ToTable("listings");
        listing.Property(l => l.Source).HasMaxLength(40);
        listing.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20).HasDefaultValue(ListingKind.New).HasSentinel((ListingKind)(-1));
        listing.HasOne(l => l.Paper).WithMany(p => p.Listings).HasForeignKey(l => l.ArxivId).OnDelete(DeleteBehavior.Cascade);
        listing.HasIndex(l => new { l.Source, l.Day, l.ArxivId }).IsUnique();
        listing.HasIndex(l => l.Day);
        listing.HasIndex(l => l.ArxivId);
    }
}
