namespace PaperDigest.Web.Components.Papers;

/// <summary>The icons <see cref="Icon"/> draws.</summary>
public enum IconKind
{
    Upvote,
    Comment,
    Star,
}
