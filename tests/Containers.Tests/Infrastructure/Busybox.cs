using Containers.Builders;
using Containers.Testing;
using Xunit.Abstractions;

namespace Containers.Tests.Infrastructure;

/// <summary>Builders for containers of the busybox test image, with their output forwarded to the test.</summary>
internal static class Busybox
{
    public static async Task<ContainerBuilder> BuilderAsync(ITestOutputHelper output, string name) =>
        new ContainerBuilder(await TestImages.BusyboxAsync()).WithName(name).WithTestOutput(output);

    /// <summary>busybox httpd serving /www (which has /healthz) on <paramref name="port"/>, after an optional delay.</summary>
    public static async Task<ContainerBuilder> HttpServerAsync(ITestOutputHelper output, string name, int port = 8080, double delaySeconds = 0) =>
        (await BuilderAsync(output, name))
        .WithCommand("sh", "-c", $"sleep {delaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}; echo serving; exec httpd -f -v -p {port} -h /www")
        .WithPortBinding(port, assignRandomHostPort: true);

    /// <summary>Asserts that <paramref name="act"/> fails within <paramref name="limit"/>, so a test also proves "at once".</summary>
    public static async Task<T> FailsWithinAsync<T>(Func<Task> act, TimeSpan limit) where T : Exception
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var thrown = (await act.Should().ThrowAsync<T>()).Which;
        clock.Elapsed.Should().BeLessThan(limit, "the failure must come without waiting for longer timeouts");
        return thrown;
    }
}
