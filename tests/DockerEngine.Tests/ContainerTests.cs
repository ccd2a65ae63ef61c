using System.Net.Sockets;

namespace DockerEngine.Tests;

[Collection(EngineCollection.Name)]
public sealed class ContainerTests(EngineFixture engine)
{
    private DockerClient Docker => engine.Docker;

    [Fact]
    public async Task Logs_keep_stdout_and_stderr_apart()
    {
        var id = await engine.CreateAsync(engine.Busybox("sh", "-c",
            // The euro sign is written in two pieces, so its UTF-8 bytes arrive in two frames.
            "echo out1; echo err1 >&2; printf 'out2 \\342\\202'; sleep 0.1; printf '\\254\\n'; exit 0"));
        await Docker.Containers.StartAsync(id);

        (await Docker.Containers.WaitAsync(id)).Should().Be(new ContainerWaitResult(0, null));
        var logs = await Docker.Containers.GetLogsAsync(id);

        logs.Stdout.Should().Be("out1\nout2 €\n");
        logs.Stderr.Should().Be("err1\n");
    }

    [Fact]
    public async Task A_tty_container_logs_arrive_raw_on_stdout()
    {
        var id = await engine.CreateAsync(engine.Busybox("sh", "-c", "echo with-tty; echo err-tty >&2") with { Tty = true });
        await Docker.Containers.StartAsync(id);
        await Docker.Containers.WaitAsync(id);

        var logs = await Docker.Containers.GetLogsAsync(id);

        logs.Stdout.Should().Contain("with-tty").And.Contain("err-tty", "a terminal merges both streams");
        logs.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task Following_logs_streams_until_the_container_exits()
    {
        var id = await engine.CreateAsync(engine.Busybox("sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.2; done; echo done >&2"));
        await Docker.Containers.StartAsync(id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var chunks = new List<LogChunk>();
        await foreach (var chunk in Docker.Containers.StreamLogsAsync(id, new LogsRequest { Follow = true }, deadline.Token))
            chunks.Add(chunk);

        string.Concat(chunks.Where(c => c.Stream == LogStream.Stdout).Select(c => c.Text)).Should().Be("line1\nline2\nline3\n");
        chunks.Should().ContainSingle(c => c.Stream == LogStream.Stderr).Which.Text.Should().Be("done\n");
        (await Docker.Containers.InspectAsync(id)).State.Running.Should().BeFalse("follow ends only when the container stops");
    }

    [Fact]
    public async Task Exit_codes_and_state_are_reported()
    {
        var id = await engine.CreateAsync(engine.Busybox("sh", "-c", "exit 7"));
        (await Docker.Containers.InspectAsync(id)).State.Status.Should().Be("created");
        await Docker.Containers.StartAsync(id);

        (await Docker.Containers.WaitAsync(id)).StatusCode.Should().Be(7);

        var state = (await Docker.Containers.InspectAsync(id)).State;
        state.Should().BeEquivalentTo(new { Status = "exited", Running = false, ExitCode = 7L, OOMKilled = false });
        state.Health.Should().BeNull("the image has no healthcheck");
    }

    [Fact]
    public async Task A_published_port_binds_127_0_0_1_on_a_free_host_port()
    {
        var id = await engine.CreateAsync(engine.Busybox("httpd", "-f", "-p", "8080") with { PortBindings = [new PortBinding(8080)] });
        await Docker.Containers.StartAsync(id);

        var port = (await Docker.Containers.InspectAsync(id)).GetPublishedPort(8080);

        port.Should().NotBeNull();
        port!.HostIp.Should().Be("127.0.0.1");
        port.HostPort.Should().BePositive();
        await ConnectWithinAsync(port.HostPort, TimeSpan.FromSeconds(10));

        var clash = await engine.CreateAsync(engine.Busybox("httpd", "-f", "-p", "8080") with
        {
            PortBindings = [new PortBinding(8080, port.HostPort)],
        });
        var act = () => Docker.Containers.StartAsync(clash);
        var error = (await act.Should().ThrowAsync<DockerEngineException>()).Which;
        error.Kind.Should().Be(DockerErrorKind.PortAllocated);
        error.Message.Should().Contain("port is already allocated").And.Contain("leave the host port empty");
    }

    [Fact]
    public async Task Create_passes_the_whole_specification_through()
    {
        var first = TestResources.Name("net");
        var second = TestResources.Name("net");
        await Docker.Networks.CreateAsync(new CreateNetworkRequest { Name = first, Labels = TestResources.Labels });
        await Docker.Networks.CreateAsync(new CreateNetworkRequest { Name = second, Labels = TestResources.Labels });
        var request = engine.Busybox("sleep", "300") with
        {
            Env = new Dictionary<string, string> { ["GREETING"] = "hi there" },
            Labels = new Dictionary<string, string> { ["role"] = "spec" },
            User = "1654:1654",
            Entrypoint = ["/bin/busybox"],
            ExposedPorts = ["9000"],
            Networks = [new NetworkAttachment(first, ["db", "postgres"]), new NetworkAttachment(second, ["web"])],
            NanoCpus = 500_000_000,
            Memory = 64 * 1024 * 1024,
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=1m" },
            CapDrop = ["ALL"],
            StopTimeout = 2,
            Healthcheck = new HealthcheckConfig { Test = ["CMD", "/bin/true"], Interval = TimeSpan.FromMilliseconds(300), Retries = 3 },
        };
        var id = await engine.CreateAsync(request);
        await Docker.Containers.StartAsync(id);

        var inspect = await Docker.Containers.InspectAsync(id);

        inspect.Config.Env.Should().Contain("GREETING=hi there");
        inspect.Config.Labels.Should().Contain("role", "spec").And.Contain(TestResources.ProjectLabel, "creditrobot");
        inspect.Config.User.Should().Be("1654:1654");
        inspect.Config.Entrypoint.Should().Equal("/bin/busybox");
        inspect.Config.Cmd.Should().Equal("sleep", "300");
        inspect.NetworkSettings.Ports.Should().ContainKey("9000/tcp");
        inspect.HostConfig.Should().BeEquivalentTo(new { NanoCpus = 500_000_000L, Memory = 64L * 1024 * 1024, ReadonlyRootfs = true });
        inspect.HostConfig.CapDrop.Should().Equal("ALL");
        inspect.HostConfig.Tmpfs.Should().Contain("/tmp", "rw,size=1m");
        inspect.NetworkSettings.Networks.Should().ContainKeys(first, second);
        inspect.NetworkSettings.Networks![first].Aliases.Should().Contain(["db", "postgres"]);
        inspect.NetworkSettings.Networks![second].Aliases.Should().Contain("web");
        inspect.Config.Healthcheck!.Test.Should().Equal("CMD", "/bin/true");

        var healthy = await PollAsync(async () => (await Docker.Containers.InspectAsync(id)).State.Health?.Status == "healthy",
            TimeSpan.FromSeconds(20), "container health status 'healthy'");
        healthy.Should().BeTrue();

        await Docker.Containers.StopAsync(id, TimeSpan.FromSeconds(1));
        (await Docker.Containers.InspectAsync(id)).State.Running.Should().BeFalse();
        await Docker.Containers.StopAsync(id); // stopping a stopped container is not an error
    }

    [Fact]
    public async Task Kill_list_by_label_and_remove()
    {
        var id = await engine.CreateAsync(engine.Busybox("sleep", "300") with { Labels = new Dictionary<string, string> { ["kill-test"] = TestResources.RunId } });
        await Docker.Containers.StartAsync(id);
        var byLabel = new Dictionary<string, string?> { ["kill-test"] = TestResources.RunId };

        (await Docker.Containers.ListAsync(new ListContainersRequest { All = false, Labels = byLabel })).Should().ContainSingle(c => c.Id == id && c.State == "running");
        await Docker.Containers.KillAsync(id);
        (await Docker.Containers.WaitAsync(id)).StatusCode.Should().Be(137, "SIGKILL is 128 + 9");
        (await Docker.Containers.ListAsync(new ListContainersRequest { All = false, Labels = byLabel })).Should().BeEmpty();
        (await Docker.Containers.ListAsync(new ListContainersRequest { Labels = byLabel })).Should().ContainSingle(c => c.State == "exited");

        await Docker.Containers.RemoveAsync(id);

        (await Docker.Containers.ListAsync(new ListContainersRequest { Labels = byLabel })).Should().BeEmpty();
        var again = () => Docker.Containers.RemoveAsync(id);
        (await again.Should().ThrowAsync<DockerEngineException>()).Which.Kind.Should().Be(DockerErrorKind.NotFound);
    }

    [Fact]
    public async Task Memory_stats_report_usage_under_the_limit()
    {
        var id = await engine.CreateAsync(engine.Busybox("sleep", "300") with { Memory = 32 * 1024 * 1024 });
        await Docker.Containers.StartAsync(id);

        var stats = await Docker.Containers.GetMemoryStatsAsync(id);

        stats.Limit.Should().Be(32 * 1024 * 1024);
        stats.Usage.Should().BePositive();
        stats.InUse.Should().BeInRange(1, stats.Limit);
        await Docker.Containers.KillAsync(id);
    }

    private static async Task ConnectWithinAsync(int port, TimeSpan timeout)
    {
        var connected = await PollAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeout, $"a TCP connection to 127.0.0.1:{port}");
        connected.Should().BeTrue();
    }

    /// <summary>Polls <paramref name="condition"/> until true or the deadline; fails naming what was awaited.</summary>
    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan timeout, string awaited)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {awaited}.");
    }
}
