using System.Net.Sockets;
using System.Text;

namespace CreditRobot.Tests.Infrastructure;

/// <summary>HTTP/1.1 by hand, for what HttpClient hides: connection reuse and the server closing idle connections.</summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var raw = new RawHttp();
        await raw._client.ConnectAsync("127.0.0.1", port);
        raw._stream = raw._client.GetStream();
        return raw;
    }

    /// <summary>
    /// Sends a GET and reads the whole response: the head and its Content-Length body, or a chunked body up to its last
    /// chunk. (The JSON endpoints answer chunked; stopping at the head left the final chunk, when it came in a later
    /// segment, to be read as "the connection is still open" by <see cref="ClosedByServerWithinAsync"/>.)
    /// </summary>
    public async Task<string> GetAsync(string path)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await _stream.ReadAsync(buffer);
            if (read == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var head = text[..end].Split("\r\n");
            if (head.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
            {
                if (text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)) break;
                continue;
            }
            var length = head.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
                ? int.Parse(header["Content-Length:".Length..].Trim())
                : 0;
            if (text.Length >= end + 4 + length) break;
        }
        return received.ToString();
    }

    /// <summary>Waits for the server to close the connection (read returns 0); false if it stays open until the deadline.</summary>
    public async Task<bool> ClosedByServerWithinAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            var read = await _stream.ReadAsync(new byte[1], cts.Token);
            return read == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset also means closed
        }
    }

    public void Dispose() => _client.Dispose();
}
