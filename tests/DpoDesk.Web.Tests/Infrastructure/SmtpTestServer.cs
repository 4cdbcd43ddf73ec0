using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DpoDesk.Web.Tests.Infrastructure;

/// <summary>A real SMTP server on loopback that keeps every message it receives.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    readonly ConcurrentQueue<MimeMessage> _messages = new();
    readonly SemaphoreSlim _arrived = new(0);
    CancellationTokenSource? _stop;
    SmtpServer.SmtpServer? _server;
    Task? _running;

    public SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _messages;

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_server is null)
            return;
        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }
        _server = null;
        _stop?.Dispose();
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subjectPart, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = _messages.FirstOrDefault(m =>
                m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
                && (m.Subject ?? string.Empty).Contains(subjectPart, StringComparison.Ordinal));
            if (found is not null)
                return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"No e-mail to {to} with '{subjectPart}' arrived; got: {string.Join(" | ", _messages.Select(m => m.Subject))}");
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public IEnumerable<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _arrived.Dispose();
    }

    /// <summary>
    /// Listens with Nagle's algorithm off (accepted sockets inherit it on Linux): the server's short
    /// replies would otherwise meet the client's delayed ACKs and stall every message by 40 ms.
    /// </summary>
    sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new EndpointListenerFactory().CreateListener(endpointDefinition);
            // The package keeps its TcpListener private; the option is set before the first accept.
            var tcp = (System.Net.Sockets.TcpListener?)listener.GetType()
                .GetField("_tcpListener", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(listener);
            tcp?.Server.NoDelay = true;
            return listener;
        }
    }

    sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner._messages.Enqueue(message);
            owner._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
