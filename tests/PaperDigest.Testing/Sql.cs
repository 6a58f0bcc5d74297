using Npgsql;

namespace PaperDigest.Testing;

/// <summary>Plain SQL for tests that check what the database really holds, beneath EF Core.</summary>
public static class Sql
{
    /// <summary>
    /// What an outage of one database looks like from an app: every new connection refused and the open ones cut
    /// (<paramref name="accepting"/> false), or the database back (true).
    /// </summary>
    public static async Task SetAcceptingConnectionsAsync(string connectionString, bool accepting)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await ExecuteAsync(maintenance.ConnectionString,
            $"ALTER DATABASE \"{target.Database}\" WITH ALLOW_CONNECTIONS {(accepting ? "true" : "false")};" +
            (accepting ? "" : $" SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{target.Database}';"));
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Writes a paper straight into the table, behind the app's back, as a source could have sent it (any text,
    /// hostile included: the values are parameters). An existing paper with the id is left as it is.
    /// </summary>
    public static async Task InsertPaperAsync(string connectionString, string arxivId, string title, string abstractText = "", params string[] authors)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO papers (arxiv_id, title, abstract, authors, first_seen_at, updated_at, upvotes, comments)
            VALUES ($1, $2, $3, $4, now(), now(), 0, 0)
            ON CONFLICT DO NOTHING
            """, connection);
        foreach (var value in new object[] { arxivId, title, abstractText, authors })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A confirmed subscriber, written straight into the table; returns its id.</summary>
    public static async Task<long> InsertSubscriberAsync(string connectionString, string email, string status = "Active", string frequency = "Daily",
        string[]? tags = null, int minUpvotes = 0, int maxPapers = 10)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO subscribers (email, status, created_at, confirmed_at, permanent_failures, frequency, max_papers, min_upvotes, tags)
            VALUES ($1, $2, now(), now(), 0, $3, $4, $5, $6) RETURNING id
            """, connection);
        foreach (var value in new object[] { email, status, frequency, maxPapers, minUpvotes, tags ?? [] })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row of every result set, as text.</summary>
    public static async Task<List<string>> StringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        do
        {
            while (await reader.ReadAsync())
                values.Add(reader.GetString(0));
        }
        while (await reader.NextResultAsync());
        return values;
    }
}
