using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Benchmark.Load;

/// <summary>
/// A slowloris on 127.0.0.1: <see cref="Count"/> sockets each send a request line and then one header byte per second,
/// never finishing the headers. When the server drops one (its header timeout doing its job), it is reopened, so the
/// pressure stays constant. Bounded: it stops on dispose or when <see cref="MaxDuration"/> passes, whichever is first.
/// </summary>
public sealed class SlowClients : IAsyncDisposable
{
    private static readonly byte[] Trickle = Encoding.ASCII.GetBytes("X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _clients;
    private int _open;
    private long _reopened;
    private long _bytesSent;

    private SlowClients(int port, int count, TimeSpan maxDuration, CancellationToken ct)
    {
        Count = count;
        MaxDuration = maxDuration;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _stop.CancelAfter(maxDuration);
        _clients = Enumerable.Range(0, count).Select(i => Task.Run(() => RunClientAsync(port, i, _stop.Token))).ToArray();
    }

    public int Count { get; }
    public TimeSpan MaxDuration { get; }

    /// <summary>Sockets connected right now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>How often the server closed a slow socket and it was reopened.</summary>
    public long Reopened => Interlocked.Read(ref _reopened);
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Starts the clients and waits (bounded) until all of them are connected.</summary>
    public static async Task<SlowClients> StartAsync(int port, int count, TimeSpan maxDuration, CancellationToken ct)
    {
        var clients = new SlowClients(port, count, maxDuration, ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (clients.Open < count && DateTime.UtcNow < deadline)
            await Task.Delay(50, ct);
        if (clients.Open < count)
        {
            await clients.DisposeAsync();
            throw new BenchmarkException($"Only {clients.Open} of {count} slow clients could connect to 127.0.0.1:{port} within 10 s.");
        }

        return clients;
    }

    private async Task RunClientAsync(int port, int index, CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var counted = false;
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                Interlocked.Increment(ref _open);
                counted = true;
                if (!first)
                    Interlocked.Increment(ref _reopened);
                first = false;
                await SendAsync(socket, Encoding.ASCII.GetBytes($"GET /healthz?slow={index} HTTP/1.1\r\nHost: 127.0.0.1\r\n"), ct);
                for (var i = 0; !ct.IsCancellationRequested; i = (i + 1) % Trickle.Length)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                    await SendAsync(socket, Trickle.AsMemory(i, 1), ct);
                }
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                // Closed by the server: reopen after a short pause (a refused connect must not spin).
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                if (counted)
                    Interlocked.Decrement(ref _open);
            }
        }
    }

    private async Task SendAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var sent = await socket.SendAsync(bytes, SocketFlags.None, ct);
        if (sent == 0)
            throw new IOException("connection closed");
        Interlocked.Add(ref _bytesSent, sent);
        // Readable before the headers are complete means the server gave up (closed, or answered 408 and will close).
        if (socket.Poll(0, SelectMode.SelectRead))
            throw new IOException("the server ended the slow request");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
        _stop.Dispose();
    }
}
