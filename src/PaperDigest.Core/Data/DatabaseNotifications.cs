using System.Text;
using Npgsql;

namespace PaperDigest.Core.Data;

/// <summary>
/// Announcements to every process on the database (PostgreSQL NOTIFY): a list of words, such as page tags or paper ids,
/// sent in as many notifications as PostgreSQL's payload limit needs. <see cref="DatabaseListener"/> hears them.
/// </summary>
public static class DatabaseNotifications
{
    // PostgreSQL refuses a payload of 8,000 bytes or more.
    private const int MaxPayloadBytes = 7_900;

    public static async Task SendAsync(NpgsqlConnection connection, string channel, IEnumerable<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var payload in Payloads(words))
        {
            await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
            notify.Parameters.Add(new NpgsqlParameter { Value = channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = payload });
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The words of a notification's payload.</summary>
    public static string[] WordsOf(string payload) => (payload ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> Payloads(IEnumerable<string> words)
    {
        var payload = new StringBuilder();
        var bytes = 0;
        foreach (var word in words)
        {
            var wordBytes = Encoding.UTF8.GetByteCount(word);
            if (payload.Length > 0 && bytes + 1 + wordBytes > MaxPayloadBytes)
            {
                yield return payload.ToString();
                (payload, bytes) = (payload.Clear(), 0);
            }
            bytes += (payload.Length == 0 ? 0 : 1) + wordBytes;
            payload.Append(payload.Length == 0 ? "" : " ").Append(word);
        }
        if (payload.Length > 0)
            yield return payload.ToString();
    }
}
