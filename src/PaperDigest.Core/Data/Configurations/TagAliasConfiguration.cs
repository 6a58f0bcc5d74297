using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class TagAliasConfiguration : IEntityTypeConfiguration<TagAlias>
{
    public void Configure(EntityTypeBuilder<TagAlias> alias)
    {
        alias.ToTable("tag_aliases");
        alias.HasKey(a => a.Slug);
        alias.Property(a => a.Slug).HasMaxLength(80);   // as tags.slug
        // Deleting the kept tag deletes the addresses that led to it; there is nothing left to lead to.
        alias.HasOne<Tag>().WithMany().HasForeignKey(a => a.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
