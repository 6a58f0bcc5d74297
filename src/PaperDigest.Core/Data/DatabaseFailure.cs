using System.Data.Common;
using Npgsql;

namespace PaperDigest.Core.Data;

/// <summary>Finds the database driver's error inside whatever wrapped it.</summary>
public static class DatabaseFailure
{
    // EF Core's execution strategy wraps driver errors ("likely due to a transient failure"), so look inside.
    public static DbException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException failure)
                return failure;
        }
        return null;
    }

    /// <summary>
    /// The database cannot be used right now (refused or dropped connections, a database closed to connections, a
    /// shutdown), as opposed to a statement it rejected: a missing table, bad data or a broken query (SQLSTATE classes
    /// 0A, 22, 23, 2B, 42, 44) is a bug to report, not an outage to wait out.
    /// </summary>
    public static bool IsOutage(DbException failure) =>
        failure is not PostgresException rejected || !StatementErrorClasses.Contains(rejected.SqlState[..2]);

    private static readonly string[] StatementErrorClasses = ["0A", "22", "23", "2B", "42", "44"];
}