using System.Net;
using System.Net.Sockets;
using Benchmark.Load;

namespace Benchmark.Tests;

/// <summary>The slowloris against a real listener on 127.0.0.1: it connects, trickles, and reopens what the server drops.</summary>
public sealed class SlowClientsTests
{
    [Fact]
    public async Task Clients_connect_trickle_header_bytes_and_reopen_dropped_connections()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
                accepted.Add(await listener.AcceptSocketAsync(cts.Token));
        });

        await using (var slow = await SlowClients.StartAsync(port, 5, TimeSpan.FromSeconds(15), cts.Token))
        {
            slow.Open.Should().Be(5);
            // Drop one, as a header timeout would; the client must come back.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (accepted.Count < 5 && DateTime.UtcNow < deadline) await Task.Delay(20);
            lock (accepted) accepted[0].Close();
            while ((slow.Reopened == 0 || slow.BytesSent == 0) && DateTime.UtcNow < deadline) await Task.Delay(50);

            slow.Reopened.Should().BeGreaterThan(0, "a dropped slow client is reopened within 10 s");
            slow.BytesSent.Should().BeGreaterThan(0);
        }

        await cts.CancelAsync();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var socket in accepted) socket.Dispose();
    }
}
