using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>A real SMTP server on a loopback port that keeps what it receives, for the host's MailKit sender to talk to.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly Task _running;

    public SmtpSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received.Writer));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The next message received, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<MimeMessage> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(wait.Token);
    }

    // Messages received while waiting for another one, for the calls that ask for them later.
    private readonly List<MimeMessage> _kept = [];

    private static bool About(MimeMessage message, string address, string subject) =>
        message.To.Mailboxes.Any(b => b.Address == address) && (message.Subject ?? "").Contains(subject, StringComparison.Ordinal);

    /// <summary>
    /// The next message to <paramref name="address"/> whose subject contains <paramref name="subject"/>, or a failure
    /// naming what did arrive after <paramref name="timeout"/>; other messages are kept for later calls.
    /// </summary>
    public async Task<MimeMessage> NextToAsync(string address, string subject, TimeSpan timeout)
    {
        if (_kept.FirstOrDefault(m => About(m, address, subject)) is { } kept)
        {
            _kept.Remove(kept);
            return kept;
        }
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No e-mail to {address} about \"{subject}\"; received: {string.Join(" | ", _kept.Select(m => m.Subject))}");
            }
            MimeMessage next;
            try
            {
                next = await NextAsync(left);
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            if (About(next, address, subject))
            {
                return next;
            }
            _kept.Add(next);
        }
    }

    /// <summary>Whether a message to <paramref name="address"/> about <paramref name="subject"/> arrived, waiting up to <paramref name="wait"/> for stragglers.</summary>
    public async Task<bool> AnyToAsync(string address, string subject, TimeSpan wait)
    {
        try
        {
            var until = DateTime.UtcNow + wait;
            while (DateTime.UtcNow < until && !_kept.Any(m => About(m, address, subject)))
            {
                _kept.Add(await NextAsync(until - DateTime.UtcNow));
            }
        }
        catch (OperationCanceledException)
        {
            // Nothing more arrived.
        }
        return _kept.Any(m => About(m, address, subject));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is cancelling.
        }
        _stop.Dispose();
    }

    private sealed class Store(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
