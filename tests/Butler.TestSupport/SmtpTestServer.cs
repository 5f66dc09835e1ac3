using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Butler.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps what it receives. It can be stopped and started again on the same port,
/// so a test can take the mail server away for a while and bring it back.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MimeMessage> _messages = [];
    private TaskCompletionSource _received = NewSignal();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpTestServer()
    {
        Port = FreePort();
    }

    /// <summary>A new server, already listening.</summary>
    public static async Task<SmtpTestServer> StartNewAsync()
    {
        var server = new SmtpTestServer();
        await server.StartAsync();
        return server;
    }

    /// <summary>The port, the same across stops and starts.</summary>
    public int Port { get; }

    public const string Host = "127.0.0.1";

    public bool IsRunning => _server is not null;

    /// <summary>Every message received so far, in order of arrival.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToList();
            }
        }
    }

    /// <summary>Starts listening; returns once connections are accepted.</summary>
    public async Task StartAsync()
    {
        if (_server is not null)
        {
            return;
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).SessionTimeout(TimeSpan.FromSeconds(30)))
            .Build();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        var first = await Task.WhenAny(listening.Task, _running, Task.Delay(TimeSpan.FromSeconds(30)));
        if (first != listening.Task)
        {
            await StopAsync();
            throw new InvalidOperationException($"The test SMTP server did not start listening on port {Port}.");
        }
    }

    /// <summary>Stops listening and drops open sessions; connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }
        await _stop!.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
            // Cancelling is how the server is told to stop.
        }
        _stop.Dispose();
        _server = null;
        _stop = null;
        _running = null;
    }

    /// <summary>The first received message matching <paramref name="match"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                var found = _messages.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
                signal = _received.Task;
            }
            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message arrived within {timeout.TotalSeconds:0.#} s; {Messages.Count} arrived in all.");
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived in all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForCountAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_messages.Count >= count)
                {
                    return _messages.ToList();
                }
                signal = _received.Task;
            }
            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Messages.Count} of {count} messages arrived within {timeout.TotalSeconds:0.#} s.");
            }
        }
    }

    /// <summary>Forgets the messages received so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Received(MimeMessage message)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _messages.Add(message);
            signal = _received;
            _received = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }
            stream.Position = 0;
            server.Received(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
