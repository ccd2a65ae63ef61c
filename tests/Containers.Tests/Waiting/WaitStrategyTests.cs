using System.Net;
using Containers.Builders;
using Containers.Tests.Infrastructure;
using Containers.Waiting;
using Xunit.Abstractions;

namespace Containers.Tests.Waiting;

public sealed class WaitStrategyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Http_wait_returns_once_the_path_answers_the_status()
    {
        await using var container = (await Busybox.HttpServerAsync(output, "http-ok", delaySeconds: 0.5))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/healthz").ForPort(8080).ForStatusCode(200)))
            .Build();

        await container.StartAsync();

        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(container.GetBaseAddress(8080), "/healthz"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the wait strategy returned, so the server answers");
    }

    [Fact]
    public async Task Http_wait_times_out_naming_the_request_and_the_last_answer()
    {
        await using var container = (await Busybox.HttpServerAsync(output, "http-timeout"))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/missing"), timeout: Short))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerWaitTimeoutException>(() => container.StartAsync(), TimeSpan.FromSeconds(15));

        error.Message.Should().Contain("HTTP GET /missing").And.Contain("answers 200").And.Contain("answered 404").And.Contain("2 s");
    }

    [Fact]
    public async Task Port_wait_returns_once_a_process_listens_inside_the_container()
    {
        await using var container = (await Busybox.HttpServerAsync(output, "port-ok", port: 5432, delaySeconds: 1))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilPortIsAvailable(5432))
            .Build();

        await container.StartAsync();

        container.Logs.Stdout.Should().Contain("serving", "the port opened only after the delay");
    }

    [Fact]
    public async Task Port_wait_times_out_when_nothing_listens_although_the_port_is_published()
    {
        // The engine's port proxy accepts connections on the host port even now: the wait must not be fooled.
        await using var container = (await Busybox.BuilderAsync(output, "port-timeout"))
            .WithCommand("sleep", "60")
            .WithPortBinding(5432, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilPortIsAvailable(5432, Short))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerWaitTimeoutException>(() => container.StartAsync(), TimeSpan.FromSeconds(15));

        error.Message.Should().Contain("listens on port 5432/tcp").And.Contain("nothing listens");
    }

    [Fact]
    public async Task Log_wait_returns_once_a_line_matches()
    {
        await using var container = (await Busybox.BuilderAsync(output, "log-ok"))
            .WithCommand("sh", "-c", "echo starting; sleep 0.5; echo 'database system is ready to accept connections' >&2; sleep 60")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("ready to accept connections$", Output.LogStream.Stderr))
            .Build();

        await container.StartAsync();

        container.Logs.Stderr.Should().Contain("ready to accept connections");
    }

    [Fact]
    public async Task Log_wait_times_out_with_the_pattern_and_the_last_lines()
    {
        await using var container = (await Busybox.BuilderAsync(output, "log-timeout"))
            .WithCommand("sh", "-c", "echo still initialising; sleep 60")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("ready", timeout: Short))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerWaitTimeoutException>(() => container.StartAsync(), TimeSpan.FromSeconds(15));

        error.Message.Should().Contain("/ready/").And.Contain("still initialising");
    }

    [Fact]
    public async Task Health_wait_returns_once_the_engine_reports_healthy()
    {
        await using var container = (await Busybox.BuilderAsync(output, "healthy"))
            .WithCommand("sh", "-c", "sleep 1; touch /tmp/ready; sleep 60")
            .WithHealthCheck(new HealthCheck(["CMD", "test", "-f", "/tmp/ready"], TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), 50))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build();

        await container.StartAsync();

        (await container.GetStatusAsync()).Health.Should().Be("healthy");
    }

    [Fact]
    public async Task Health_wait_times_out_showing_the_health_status_and_probe_output()
    {
        await using var container = (await Busybox.BuilderAsync(output, "unhealthy"))
            .WithCommand("sleep", "60")
            .WithHealthCheck(new HealthCheck(["CMD", "sh", "-c", "echo probe says no; exit 1"], TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), 1))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy(Short))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerWaitTimeoutException>(() => container.StartAsync(), TimeSpan.FromSeconds(15));

        error.Message.Should().Contain("healthy").And.Contain("probe says no");
    }

    [Fact]
    public async Task Exit_during_wait_fails_at_once_with_exit_code_and_last_lines()
    {
        await using var container = (await Busybox.BuilderAsync(output, "exits"))
            .WithCommand("sh", "-c", "echo 'loading config'; echo 'fatal: SERVER_TIMEOUT must be > 0' >&2; exit 3")
            .WithPortBinding(8080, true)
            .WithWaitStrategy(Wait.ForUnixContainer()
                .UntilHttpRequestIsSucceeded(r => r.ForPath("/healthz"))
                .WithTimeout(TimeSpan.FromSeconds(60)))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerExitedException>(() => container.StartAsync(), TimeSpan.FromSeconds(20));

        error.ExitCode.Should().Be(3);
        error.Message.Should().Contain("exited with code 3").And.Contain("HTTP GET /healthz")
            .And.Contain("[err] fatal: SERVER_TIMEOUT must be > 0").And.Contain("[out] loading config");
    }

    [Fact]
    public async Task Conditions_run_in_order_each_with_its_own_timeout()
    {
        await using var container = (await Busybox.HttpServerAsync(output, "chain", delaySeconds: 0.3))
            .WithWaitStrategy(Wait.ForUnixContainer()
                .UntilMessageIsLogged("serving")
                .UntilPortIsAvailable(8080)
                .UntilHttpRequestIsSucceeded(r => r.ForPath("/healthz"))
                .UntilMessageIsLogged("never printed", timeout: TimeSpan.FromSeconds(1)))
            .Build();

        var error = await Busybox.FailsWithinAsync<ContainerWaitTimeoutException>(() => container.StartAsync(), TimeSpan.FromSeconds(15));

        error.Message.Should().Contain("/never printed/").And.Contain("after 1 s");
    }
}
