namespace PaperDigest.Testing;

/// <summary>The app with a real SMTP server of its own (<see cref="TestSmtpServer"/>), which it sends all mail to.</summary>
public class MailAppFixture(PostgresServer server) : WebAppFixture(server)
{
    public TestSmtpServer Smtp { get; } = new();

    /// <summary>Subscription posts one client may make an hour; tests post from one address far more than a person would.</summary>
    protected virtual int PostsPerClientPerHour => 10_000;

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>(Smtp.Settings)
    {
        ["Subscriptions:PostsPerClientPerHour"] = PostsPerClientPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
