using System.Collections.Concurrent;
using Containers.Output;
using Containers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Containers.Tests.Logs;

public sealed class LogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stdout_and_stderr_are_kept_apart_and_forwarded_live_line_by_line()
    {
        var live = new ConcurrentQueue<LogLine>();
        await using var container = (await Busybox.BuilderAsync(output, "logs"))
            .WithCommand("sh", "-c", "echo out1; echo err1 >&2; printf 'out2 part'; sleep 0.2; echo ' continued'; echo err2 >&2; printf 'no newline'")
            .WithOutputConsumer(Consume.ToDelegate((_, line) => live.Enqueue(line)))
            .Build();
        await container.StartAsync();

        (await container.GetExitCodeAsync()).Should().Be(0);
        var logs = await container.GetLogsAsync();

        logs.Stdout.Should().Be("out1\nout2 part continued\nno newline");
        logs.Stderr.Should().Be("err1\nerr2");
        await Eventually(() => live.Count == 5, "the live reader to deliver all 5 lines");
        live.Where(l => l.Stream == LogStream.Stderr).Select(l => l.Text).Should().Equal("err1", "err2");
        live.Where(l => l.Stream == LogStream.Stdout).Select(l => l.Text).Should().Equal("out1", "out2 part continued", "no newline");
    }

    [Fact]
    public async Task Exit_code_is_reported()
    {
        await using var container = (await Busybox.BuilderAsync(output, "exit"))
            .WithCommand("sh", "-c", "exit 42")
            .Build();
        await container.StartAsync();

        (await container.GetExitCodeAsync()).Should().Be(42);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_kills_after_the_stop_timeout()
    {
        // PID 1 ignores SIGTERM unless it handles it: busybox sleep does not, so only the SIGKILL ends it.
        await using var container = (await Busybox.BuilderAsync(output, "stop"))
            .WithCommand("sleep", "60")
            .WithStopTimeout(TimeSpan.FromSeconds(1))
            .Build();
        await container.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await container.StopAsync();

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.9)).And.BeLessThan(TimeSpan.FromSeconds(20));
        (await container.GetExitCodeAsync()).Should().Be(137, "128 + SIGKILL");
    }

    // Polls with a deadline (no fixed sleeps): the live reader runs in the background.
    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 10 s for {what}.");
            await Task.Delay(50);
        }
    }
}
