using System.Diagnostics;
using System.Net;

namespace Benchmark.Runtime;

/// <summary>
/// Polls GET /healthz on 127.0.0.1 with a new connection each time (Connection: close), every 10 ms, until 200.
/// Through the published port a refused connection shows as a reset from docker-proxy, so any failure means "retry".
/// </summary>
public sealed class HealthProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Time from <paramref name="clock"/>'s start until the first 200; throws with the container's logs on timeout.</summary>
    public async Task<TimeSpan> WaitForOkAsync(BenchContainers containers, ServiceContainer container, TimeSpan timeout,
        CancellationToken ct, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var url = container.Url("/healthz");
        var attempts = 0;
        string last = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            attempts++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                last = e.Message;
            }

            // Every ~second, make sure the container still runs: an exited one will never answer.
            if (attempts % 100 == 0 && !(await containers.InspectAsync(container, ct)).State!.Running)
                break;
            await Task.Delay(Interval, ct);
        }

        var state = (await containers.InspectAsync(container, ct)).State!;
        throw new BenchmarkException(
            $"{container.Image.Name} ({container.Image.Reference}) did not answer 200 on {url} within {timeout.TotalSeconds:0} s " +
            $"(container {container.ShortId} {state.Status}, exit code {state.ExitCode}, OOM killed: {state.OOMKilled}; last: {last}). " +
            $"Last log lines:\n{await containers.LogTailAsync(container, ct)}");
    }

    public void Dispose() => _http.Dispose();
}
