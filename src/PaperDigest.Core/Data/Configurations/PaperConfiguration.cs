using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class PaperConfiguration : IEntityTypeConfiguration<Paper>
{
    // unaccent() and array_to_string() are not immutable, so a generated column cannot call them directly;
    // the migration creates immutable wrappers (paperdigest_unaccent, paperdigest_join) for this expression.
    // Title and AI keywords only: small enough to stay in the row, so ranking thousands of papers by shared topic
    // words (related papers) reads no TOAST, unlike the search vector with its abstract.
    internal const string TopicVectorSql = "to_tsvector('english', paperdigest_unaccent(title || ' ' || paperdigest_join(ai_keywords)))";

    // Math in titles is TeX between dollars ("Reevaluating $H_0$ Tension"), which the parser reads as "h" and "0". The
    // formulas are indexed once more with TeX's markup taken out, so a reader typing "H0" finds it as "H_0" and "$H_0$" do.
    internal const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(title)), 'A') || " +
        """setweight(to_tsvector('english'::regconfig, regexp_replace(regexp_replace(title, '[^$]*(\$[^$]*\$)?', ' \1 ', 'g'), '[$_^{}\\]', '', 'g')), 'A') || """ +
        "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(paperdigest_join(ai_keywords) || ' ' || paperdigest_join(authors))), 'B') || " +
        "setweight(to_tsvector('english'::regconfig, paperdigest_unaccent(abstract)), 'C')";

    public void Configure(EntityTypeBuilder<Paper> paper)
    {
        paper.ToTable("papers");
        paper.HasKey(p => p.ArxivId);
        paper.Property(p => p.ArxivId).HasMaxLength(40);
        paper.Property(p => p.Title).HasMaxLength(1000);
        paper.Property(p => p.Abstract).HasDefaultValue("");
        paper.Property(p => p.Authors).HasDefaultValueSql("'{}'::text[]");
        paper.Property(p => p.AiKeywords).HasDefaultValueSql("'{}'::text[]");
        paper.Property(p => p.Categories).HasDefaultValueSql("'{}'::text[]");
        paper.Property(p => p.Doi).HasMaxLength(200);

        paper.Property(p => p.SearchVector).HasComputedColumnSql(SearchVectorSql, stored: true);
        paper.HasIndex(p => p.SearchVector).HasMethod("gin");
        paper.Property(p => p.TopicVector).HasComputedColumnSql(TopicVectorSql, stored: true);
        paper.HasIndex(p => p.TopicVector).HasMethod("gin");
        paper.HasIndex(p => p.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_papers_title_trgm");
        paper.HasIndex(p => p.PublishedAt);

        // Hidden papers are left out of every query, so no public page, feed, search, API or digest can show one by
        // forgetting a condition. Ingestion and the admin pages, which must see them, say IgnoreQueryFilters().
        paper.HasQueryFilter(p => p.HiddenAt == null);

        paper.Ignore(p => p.ArxivUrl);
        paper.Ignore(p => p.PdfUrl);
    }
}
