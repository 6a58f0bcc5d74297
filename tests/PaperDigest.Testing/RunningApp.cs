namespace PaperDigest.Testing;

/// <summary>The real app served by Kestrel on a loopback port, for tests that drive a browser against it.</summary>
public sealed class RunningApp(PostgresServer server) : WebAppFixture(server)
{
    protected override bool ServeOnLoopback => true;
}

/// <summary>The real app on a loopback port with its own SMTP server, for browser tests that read mail.</summary>
public sealed class RunningMailApp(PostgresServer server) : MailAppFixture(server)
{
    protected override bool ServeOnLoopback => true;
}
