using System.Text.RegularExpressions;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tags;

/// <summary>One automatic tag: a paper gets it when it is in one of the arXiv categories, or when one of the words
/// appears, as a whole word, in its AI keywords or its title.</summary>
public sealed record TagRule(string Slug, string Name, IReadOnlyList<string> Categories, IReadOnlyList<string> Words);

/// <summary>
/// The first auto-tag rules, built in: arXiv categories and keywords. Curators will manage rules in the admin pages;
/// until then these apply to every paper written by ingestion, and a rule's tag is removed when it stops matching
/// (tags a curator added are never touched).
/// </summary>
public static partial class TagRules
{
    public static IReadOnlyList<TagRule> BuiltIn { get; } =
    [
        new("language-models", "Language models", ["cs.CL"], ["language model", "language models", "LLM", "LLMs"]),
        new("computer-vision", "Computer vision", ["cs.CV"], ["image", "images", "video", "vision", "visual"]),
        new("machine-learning", "Machine learning", ["cs.LG", "stat.ML"], []),
        new("agents", "Agents", ["cs.MA"], ["agent", "agents", "agentic"]),
        new("reinforcement-learning", "Reinforcement learning", [], ["reinforcement learning", "RL", "RLHF"]),
        new("diffusion-models", "Diffusion models", [], ["diffusion"]),
        new("robotics", "Robotics", ["cs.RO"], ["robot", "robots", "robotic", "embodied"]),
        new("speech-and-audio", "Speech and audio", ["cs.SD", "eess.AS"], ["speech", "audio"]),
    ];

    public static IReadOnlyList<TagRule> Matching(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var text = string.Join(" | ", paper.AiKeywords.Append(paper.Title));
        return BuiltIn.Where(rule =>
                rule.Categories.Any(paper.Categories.Contains)
                || rule.Words.Any(word => WholeWord(word).IsMatch(text)))
            .ToList();
    }

    private static readonly Dictionary<string, Regex> Patterns = BuiltIn.SelectMany(r => r.Words).Distinct()
        .ToDictionary(word => word, word => new Regex($@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));

    private static Regex WholeWord(string word) => Patterns[word];
}
