using System.Data.Common;

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
}
