using System.Text;

namespace PaperDigest.Web.Components.Papers;

/// <summary>
/// Abstracts as authors write them for arXiv: LaTeX. Math ($…$, $$…$$, \(…\), \[…\]) is left for KaTeX in the
/// browser; the text between is freed of LaTeX's text-mode markup (\%, \&amp;, --, ~, ``quotes''), which would
/// otherwise show raw. The result is still plain text: the page encodes it like any other.
/// </summary>
public static class TexText
{
    // Longest first: "---" is an em dash, not an en dash and a hyphen.
    private static readonly (string Markup, char Shown)[] TextMarkup = [("---", '—'), ("--", '–'), ("``", '“'), ("''", '”'), ("~", '\u00A0')];

    private static readonly (string Open, string Close)[] MathDelimiters = [("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$")];

    /// <summary>The text for display, and whether it holds math for KaTeX to render.</summary>
    public static (string Text, bool HasMath) Render(string tex)
    {
        var text = new StringBuilder(tex.Length);
        var hasMath = false;
        var i = 0;
        while (i < tex.Length)
        {
            if (MathAt(tex, i) is { } end)
            {
                // Math is copied as written; KaTeX reads its own escapes.
                text.Append(tex, i, end - i);
                hasMath = true;
                i = end;
                continue;
            }
            i += AppendText(tex, i, text);
        }
        return (text.ToString(), hasMath);
    }

    /// <summary>Where the math starting at <paramref name="start"/> ends (past its closing delimiter), or null.</summary>
    private static int? MathAt(string tex, int start)
    {
        foreach (var (open, close) in MathDelimiters)
        {
            if (string.CompareOrdinal(tex, start, open, 0, open.Length) != 0)
                continue;
            var closeAt = tex.IndexOf(close, start + open.Length, StringComparison.Ordinal);
            // An empty pair ("$$" read as two single dollars) or a lone dollar (a price) is text, not math.
            return closeAt > start + open.Length ? closeAt + close.Length : null;
        }
        return null;
    }

    /// <summary>Appends the text-mode character or markup at <paramref name="i"/>; returns how many characters it read.</summary>
    private static int AppendText(string tex, int i, StringBuilder text)
    {
        var rest = tex.AsSpan(i);
        if (rest.Length >= 2 && rest[0] == '\\' && "%&_#{}$".Contains(rest[1]))
        {
            text.Append(rest[1]);
            return 2;
        }
        foreach (var (markup, shown) in TextMarkup)
        {
            if (rest.StartsWith(markup, StringComparison.Ordinal))
            {
                text.Append(shown);
                return markup.Length;
            }
        }
        text.Append(rest[0]);
        return 1;
    }
}
