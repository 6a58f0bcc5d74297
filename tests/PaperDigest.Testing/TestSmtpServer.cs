using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServer.Authentication;

namespace PaperDigest.Testing;

/// <summary>
/// A real SMTP server on a loopback port, in process (the SmtpServer package): keeps what it accepts, and answers
/// each message with <see cref="Reply"/>'s code (250 unless a test says otherwise, e.g. 451 or 550).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly SmtpServer.SmtpServer server;
    private readonly NoDelayListenerFactory listeners = new();

    public TestSmtpServer() : this(FreePort())
    {
    }

    private TestSmtpServer(int port, SignIn? signIn = null)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint =>
        {
            endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
            // The library ends a session after a few minutes by default; one connection can carry a million-message
            // benchmark, which takes longer.
            endpoint.SessionTimeout(TimeSpan.FromHours(2));
            // As a provider's submission port is set up: STARTTLS offered, and sign-in required and only over TLS.
            if (signIn is not null)
                endpoint.Certificate(signIn.Certificate).AllowUnsecureAuthentication(false).AuthenticationRequired();
        }).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(listeners);
        if (signIn is not null)
            services.Add(new Accounts(signIn));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    /// <summary>A server on a given port, such as the one a stopped server used: the mail server coming back.</summary>
    public static TestSmtpServer OnPort(int port) => new(port);

    /// <summary>A server that takes mail only from <paramref name="user"/>, signed in after STARTTLS with <paramref name="certificate"/>.</summary>
    public static TestSmtpServer WithStartTlsAndSignIn(X509Certificate2 certificate, string user, string password) =>
        new(FreePort(), new SignIn(certificate, user, password));

    /// <summary>For each message kept: whether its session was encrypted, and who had signed in.</summary>
    public ConcurrentQueue<(bool Encrypted, string? User)> Sessions { get; } = new();

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>False to only count what is offered (a benchmark's sink), not parse and keep it.</summary>
    public bool KeepMessages { get; set; } = true;

    /// <summary>The reply to the next message, given how many messages were offered so far (1 for the first).</summary>
    public Func<int, int> Reply { get; set; } = _ => 250;

    /// <summary>Awaited with a message's number once its data has arrived and before it is answered: a test can stall the server there.</summary>
    public Func<int, CancellationToken, Task> BeforeReplying { get; set; } = NoPause;

    private static Task NoPause(int offered, CancellationToken cancellationToken) => Task.CompletedTask;

    private int offered;

    /// <summary>Forgets what was received and offered, and accepts everything again: for a fixture shared by tests.</summary>
    public void Reset()
    {
        Received.Clear();
        Reply = _ => 250;
        BeforeReplying = NoPause;
        Volatile.Write(ref offered, 0);
    }

    /// <summary>
    /// The server goes away as a crashed one would: open connections are reset mid-conversation and new ones are hung
    /// up on at once. What it already accepted stays in <see cref="Received"/>.
    /// </summary>
    public void GoAway() => listeners.Drop(hangUpOnNewOnes: true);

    /// <summary>Every open connection is reset, as a server restart or an idle timeout would; new ones are served.</summary>
    public void DropConnections() => listeners.Drop(hangUpOnNewOnes: false);

    /// <summary>Messages offered so far, refused ones included.</summary>
    public int Offered => Volatile.Read(ref offered);

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "PaperDigest <digest@paperdigest.test>",
        ["Smtp:MessagesPerSecond"] = "1000",
        ["Site:BaseUrl"] = "https://paperdigest.test/",
    };

    /// <summary>Waits for the first received message to <paramref name="address"/> that matches.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? matches = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = Received.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && (matches?.Invoke(m) ?? true));
            if (found is not null)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No message to {address} arrived within the timeout; {Received.Count} message(s) arrived in all.");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        server.Shutdown();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Replies go out as soon as they are written: with Nagle's algorithm on, each reply waited for the client's
    // delayed ACK, about 40 ms a message (the package's own listener offers no way to turn it off).
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        private readonly ConcurrentBag<NoDelayListener> created = [];

        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new NoDelayListener(endpointDefinition.Endpoint);
            created.Add(listener);
            return listener;
        }

        public void Drop(bool hangUpOnNewOnes)
        {
            foreach (var listener in created)
                listener.Drop(hangUpOnNewOnes);
        }
    }

    private sealed class NoDelayListener : IEndpointListener
    {
        private readonly TcpListener listener;
        private readonly ConcurrentBag<Socket> accepted = [];
        private volatile bool gone;

        public NoDelayListener(IPEndPoint endpoint)
        {
            listener = new TcpListener(endpoint);
            listener.Start();
        }

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                if (gone)
                {
                    Reset(socket);
                    continue;
                }
                socket.NoDelay = true;
                accepted.Add(socket);
                return new SecurablePipe(new NetworkStream(socket, ownsSocket: true));
            }
        }

        public void Drop(bool hangUpOnNewOnes)
        {
            gone |= hangUpOnNewOnes;
            foreach (var socket in accepted)
                Reset(socket);
        }

        // A zero linger time makes Close send a reset, as a crashed host's kernel would, instead of an orderly goodbye.
        private static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose() => listener.Stop();
    }

    // A connection that STARTTLS can upgrade in place: reads and writes then go through the TLS stream.
    private sealed class SecurablePipe(Stream stream) : ISecurableDuplexPipe
    {
        private Stream current = stream;

        public PipeReader Input { get; private set; } = PipeReader.Create(stream);

        public PipeWriter Output { get; private set; } = PipeWriter.Create(stream);

        public bool IsSecure => current is SslStream;

        public SslProtocols SslProtocol => (current as SslStream)?.SslProtocol ?? SslProtocols.None;

        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var tls = new SslStream(current, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols },
                cancellationToken);
            current = tls;
            Input = PipeReader.Create(tls);
            Output = PipeWriter.Create(tls);
        }

        public void Dispose() => current.Dispose();
    }

    private sealed record SignIn(X509Certificate2 Certificate, string User, string Password);

    private sealed class Accounts(SignIn signIn) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(user == signIn.User && password == signIn.Password);
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref owner.offered);
            await owner.BeforeReplying(number, cancellationToken);
            var code = owner.Reply(number);
            if (code != 250)
                return new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Mailbox unavailable" : "Try again later");
            if (!owner.KeepMessages)
                return SmtpResponse.Ok;
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Sessions.Enqueue((context.Pipe.IsSecure, context.Authentication.IsAuthenticated ? context.Authentication.User : null));
            owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
