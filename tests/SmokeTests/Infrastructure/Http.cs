using System.Net.Sockets;
using System.Text;

namespace SmokeTests.Infrastructure;

internal static class Http
{
    /// <summary>No proxy: every request goes to 127.0.0.1. No pooling: a stopped container must not look alive.</summary>
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// An HTTP/1.1 request written by hand so the test decides when the body arrives: the headers and the first
    /// part now, the rest when <see cref="FinishAsync"/> is called (or never).
    /// </summary>
    public sealed class SlowRequest : IDisposable
    {
        private readonly TcpClient _tcp = new();
        private readonly byte[] _rest;
        private NetworkStream? _stream;

        private SlowRequest(byte[] rest) => _rest = rest;

        public static async Task<SlowRequest> StartAsync(Uri baseAddress, string method, string path, string contentType, string body)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var half = bytes.Length / 2;
            var request = new SlowRequest(bytes[half..]);
            await request._tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
            request._stream = request._tcp.GetStream();
            var head = $"{method} {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n\r\n";
            await request._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await request._stream.WriteAsync(bytes.AsMemory(0, half));
            await request._stream.FlushAsync();
            return request;
        }

        public async Task FinishAsync()
        {
            await _stream!.WriteAsync(_rest);
            await _stream.FlushAsync();
        }

        /// <summary>The response's status line and headers, and the body read until the server closes or it is complete.</summary>
        public async Task<string> ReadResponseAsync(TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            var response = new StringBuilder();
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await _stream!.ReadAsync(buffer, deadline.Token)) > 0)
                {
                    response.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    if (IsComplete(response.ToString())) break;
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No complete response within {timeout.TotalSeconds:0} s; received so far: '{response}'.");
            }
            catch (IOException e)
            {
                throw new IOException($"The connection failed after receiving '{response}': {e.Message}", e);
            }

            return response.ToString();
        }

        private static bool IsComplete(string response)
        {
            var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return false;
            var length = response[..end].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            if (length is null) return response.EndsWith("0\r\n\r\n", StringComparison.Ordinal); // chunked
            return Encoding.UTF8.GetByteCount(response[(end + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim());
        }

        public void Dispose() => _tcp.Dispose();
    }
}
