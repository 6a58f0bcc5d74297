using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers.Search;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class SearchWordConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> word)
    {
        word.ToTable("search_words");
        word.HasKey(w => w.Word);
        word.HasIndex(w => w.Word).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_search_words_trgm");
    }
}
