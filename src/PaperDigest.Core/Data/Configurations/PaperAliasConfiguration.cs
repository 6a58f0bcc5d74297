using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperAliasConfiguration : IEntityTypeConfiguration<PaperAlias>
{
    public void Configure(EntityTypeBuilder<PaperAlias> alias)
    {
        alias.ToTable("paper_aliases");
        alias.HasKey(a => a.AliasId);
        alias.Property(a => a.AliasId).HasMaxLength(40);
        alias.HasOne<Paper>().WithMany().HasForeignKey(a => a.ArxivId).OnDelete(DeleteBehavior.Cascade);
    }
}
