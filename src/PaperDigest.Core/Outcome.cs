namespace PaperDigest.Core;

/// <summary>
/// The outcome of a command a person asked for: done, or refused with one sentence that says what is wrong and what
/// to do. Admin pages show it as their notice (AdminPage.Show), in one place.
/// </summary>
public record Outcome(string? Problem)
{
    public static readonly Outcome Done = new((string?)null);

    public bool Succeeded => Problem is null;

    public static Outcome Refused(string problem) => new(problem);

    /// <summary>A refusal as a command with a value refuses (see <see cref="Outcome{T}"/>).</summary>
    public static Outcome<T> Refused<T>(string problem) => new(default, problem);

    public static Outcome<T> Of<T>(T value) => new(value, null);
}

/// <summary>An <see cref="Outcome"/> that carries what the command produced when it succeeded.</summary>
public sealed record Outcome<T>(T? Value, string? Problem) : Outcome(Problem);
