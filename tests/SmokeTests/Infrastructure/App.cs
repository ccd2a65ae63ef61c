using Containers;
using Containers.Builders;
using Containers.Testing;
using Containers.Waiting;
using Xunit.Abstractions;

namespace SmokeTests.Infrastructure;

/// <summary>Containers of the image under test, configured as production runs it unless a test says otherwise.</summary>
internal static class App
{
    public const int Port = 8080;

    /// <summary>The image as is (its server.conf, user, entrypoint), port 8080 on a random 127.0.0.1 port, output to the test.</summary>
    public static async Task<ContainerBuilder> BuilderAsync(ITestOutputHelper? output, string name)
    {
        var builder = new ContainerBuilder(await SmokeImage.IdAsync())
            .WithName(name)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithStopTimeout(TimeSpan.FromSeconds(35)); // longer than graceful_timeout: the app, not SIGKILL, decides
        return output is null ? builder : builder.WithTestOutput(output);
    }

    /// <summary>
    /// Ready when /healthz on <paramref name="port"/> answers 200 (fails at once if the app exits). The limits are
    /// generous because a limit costs nothing when the app is quick (idle machine: under a second), while on a
    /// 2-core machine shared with parallel builds a dozen app starts at once have taken over 30 s.
    /// </summary>
    public static WaitStrategy UntilHealthy(int port = Port) =>
        Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
            r => r.ForPort(port).ForPath("/healthz").WithRequestTimeout(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(90));

    public static Uri Url(this IContainer app, string path, int port = Port) => new(app.GetBaseAddress(port), path);

    public static async Task<HttpResponseMessage> GetAsync(this IContainer app, string path, int port = Port) =>
        await Http.Client.GetAsync(app.Url(path, port));
}
