using System.Text.Json;

namespace PaperDigest.Core.Ingestion;

/// <summary>Parses a source's JSON, turning a syntax error into the FormatException every parser reports.</summary>
internal static class SourceJson
{
    /// <param name="what">What the text claims to be, for the message: "The Hugging Face response".</param>
    public static JsonDocument Parse(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{what} is not valid JSON ({exception.Message}).", exception);
        }
    }
}
