using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Data.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> subscriber)
    {
        subscriber.ToTable("subscribers");
        subscriber.Property(s => s.Email).HasMaxLength(254);
        subscriber.HasIndex(s => s.Email).IsUnique();
        subscriber.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        subscriber.ComplexProperty(s => s.Preferences, preferences =>
        {
            preferences.Property(p => p.Frequency).HasColumnName("frequency").HasConversion<string>().HasMaxLength(10);
            preferences.Property(p => p.Tags).HasColumnName("tags");
            preferences.Property(p => p.MinUpvotes).HasColumnName("min_upvotes");
            preferences.Property(p => p.MaxPapers).HasColumnName("max_papers");
            preferences.Property(p => p.ArxivPapers).HasColumnName("arxiv_papers").HasDefaultValue(0);
            preferences.Property(p => p.ArxivCategories).HasColumnName("arxiv_categories").HasDefaultValueSql("'{}'::text[]");
            preferences.Property(p => p.Topic).HasColumnName("topic").HasMaxLength(SubscriberPreferences.MaxTopicLength);
            preferences.Property(p => p.TopicThreshold).HasColumnName("topic_threshold").HasDefaultValue(SubscriberPreferences.DefaultTopicThreshold);
        });
        subscriber.HasMany(s => s.Tokens).WithOne().HasForeignKey(t => t.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubscriberTokenConfiguration : IEntityTypeConfiguration<SubscriberToken>
{
    public void Configure(EntityTypeBuilder<SubscriberToken> token)
    {
        token.ToTable("subscriber_tokens");
        token.HasKey(t => t.Hash);
        token.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(10);
        token.HasIndex(t => t.SubscriberId);
    }
}
