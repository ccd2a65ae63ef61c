using ServerConfig;

namespace CreditRobot.Hosting;

/// <summary>
/// <c>CreditRobot --healthcheck</c>: the image has no shell or curl, so the binary probes its own
/// /healthz on the configured port (Docker HEALTHCHECK). 0 healthy, 1 not.
/// </summary>
public static class HealthCheckProbe
{
    public static async Task<int> RunAsync(ServerSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var bind = settings.Bind;
        if (bind.Port == 0)
        {
            await output.WriteLineAsync("healthcheck: bind port is 0 (a random port); set PORT or bind to probe it");
            return ExitCodes.Failure;
        }
        var host = bind.LocalHost.Contains(':') ? $"[{bind.LocalHost}]" : bind.LocalHost;
        var url = $"http://{host}:{bind.Port}/healthz";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            await output.WriteLineAsync($"healthcheck: {url} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"healthcheck: {url} failed: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
