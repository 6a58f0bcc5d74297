using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Ingestion.Fetching;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class FetchValidatorConfiguration : IEntityTypeConfiguration<FetchValidator>
{
    public void Configure(EntityTypeBuilder<FetchValidator> validator)
    {
        validator.ToTable("fetch_validators");
        validator.HasKey(v => v.Url);
        validator.Property(v => v.Url).HasMaxLength(2000);
        validator.Property(v => v.ETag).HasMaxLength(500);
        validator.Property(v => v.LastModified).HasMaxLength(100);
    }
}
