using System.ComponentModel.DataAnnotations;

namespace PaperDigest.Core.Data;

/// <summary>Settings under <c>Database</c>; the server itself comes from <c>ConnectionStrings:PaperDigest</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "PaperDigest";

    /// <summary>The embedded cluster's data folder, used only when no connection string is set.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The database the embedded cluster creates and the app uses.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "Database:DatabaseName must be a plain PostgreSQL name: lower-case letters, digits and _, at most 63.")]
    public string DatabaseName { get; set; } = "paperdigest";

    /// <summary>Imports the shipped sample listings at start-up when the database holds no papers.</summary>
    public bool ImportSampleWhenEmpty { get; set; } = true;

    /// <summary>
    /// The default data folder: under the user's local data folder, or, as root, under /var/lib, because the
    /// postgres user that runs the server cannot enter root's private home folder.
    /// </summary>
    public static string DefaultDataDirectory() =>
        Environment.IsPrivilegedProcess
            ? "/var/lib/paperdigest/postgres"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "PaperDigest", "postgres");
}
