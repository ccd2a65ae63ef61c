using Containers;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Testing;

namespace SmokeTests.Infrastructure;

/// <summary>Containers of the image under test, configured as production runs it unless a test says otherwise.</summary>
internal static class App
{
    public const int Port = 8080;

    /// <summary>
    /// The image as is (its server.conf, user, entrypoint), port 8080 on a random 127.0.0.1 port, session labels.
    /// Without <paramref name="publish"/> no port is published: Testcontainers waits for a published port's mapping,
    /// which a container that exits at once (the AOT app refusing bad settings in milliseconds) never gets.
    /// </summary>
    public static async Task<ContainerBuilder> BuilderAsync(string name, bool publish = true)
    {
        var builder = new ContainerBuilder(await SmokeImage.IdAsync())
            .WithName($"creditrobot-smoke-{name}-{Guid.NewGuid().ToString("N")[..8]}")
            // Longer than graceful_timeout: the app, not SIGKILL, decides when a stop ends.
            .WithCreateParameterModifier(p => p.StopTimeout = TimeSpan.FromSeconds(35))
            .ForTest();
        return publish ? builder.WithPortBinding(Port, assignRandomHostPort: true) : builder;
    }

    /// <summary>Read-only root filesystem and every capability dropped: the strictest production settings.</summary>
    public static ContainerBuilder Hardened(this ContainerBuilder builder) =>
        builder.WithCreateParameterModifier(p =>
        {
            p.HostConfig!.ReadonlyRootfs = true;
            p.HostConfig.CapDrop = ["ALL"];
        });

    /// <summary>The image's own exec-form HEALTHCHECK, probed every second (the test is quick) with a generous probe timeout.</summary>
    public static ContainerBuilder WithFastHealthCheck(this ContainerBuilder builder, IList<string> test) =>
        builder.WithCreateParameterModifier(p => p.Healthcheck = new HealthcheckConfig
        {
            Test = test,
            Interval = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromSeconds(10), // starting the probe alone has taken 3 s on a loaded 2-core machine
            Retries = 3,
        });

    /// <summary>
    /// Ready when /healthz on <paramref name="port"/> answers 200. Generous limit: it costs nothing when the app is
    /// quick (idle machine: under a second), while a dozen parallel starts on 2 shared cores have taken over 30 s.
    /// </summary>
    public static IWaitForContainerOS UntilHealthy(int port = Port) =>
        Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort((ushort)port).ForPath("/healthz"), o => o.WithTimeout(TimeSpan.FromSeconds(90)));

    public static Uri Url(this IContainer app, string path, int port = Port) =>
        new($"http://{app.Hostname}:{app.GetMappedPublicPort(port)}{path}");

    public static async Task<HttpResponseMessage> GetAsync(this IContainer app, string path, int port = Port) =>
        await Http.Client.GetAsync(app.Url(path, port));

    /// <summary>The container's stdout so far, as the engine has it (no timestamps).</summary>
    public static async Task<string> StdoutAsync(this IContainer app) => (await app.GetLogsAsync(timestampsEnabled: false)).Stdout;

    /// <summary>Everything the container wrote so far, stdout then stderr (no timestamps).</summary>
    public static async Task<string> OutputAsync(this IContainer app)
    {
        var (stdout, stderr) = await app.GetLogsAsync(timestampsEnabled: false);
        return stdout + stderr;
    }

    /// <summary>Runs a test body; if it fails, prints the containers' logs first, so a failure comes with the container's side.</summary>
    public static async Task PrintLogsOnFailureAsync(this Xunit.Abstractions.ITestOutputHelper output, Func<Task> body, params IContainer[] containers)
    {
        try
        {
            await body();
        }
        catch
        {
            foreach (var container in containers)
            {
                var (stdout, stderr) = await container.GetLogsAsync();
                output.WriteLine($"===== {container.Name} stdout =====\n{stdout}\n===== {container.Name} stderr =====\n{stderr}");
            }
            throw;
        }
    }
}
