using System.Net;
using Containers.Builders;
using Containers.Tests.Infrastructure;
using Containers.Waiting;
using DockerEngine;
using Xunit.Abstractions;

namespace Containers.Tests.Builders;

public sealed class ContainerBuilderTests(ITestOutputHelper output)
{
    [Fact]
    public void Builders_are_immutable_so_a_base_builder_can_be_forked()
    {
        var baseBuilder = new ContainerBuilder("app:1").WithEnvironment("A", "1");
        var debug = baseBuilder.WithEnvironment("SERVER_LOGLEVEL", "debug").WithPortBinding(8080, true);

        baseBuilder.Configuration.Environment.Should().ContainKey("A").And.NotContainKey("SERVER_LOGLEVEL");
        baseBuilder.Configuration.PortBindings.Should().BeEmpty();
        debug.Configuration.Environment.Should().Contain("SERVER_LOGLEVEL", "debug");
        debug.Configuration.PortBindings.Should().ContainSingle().Which.Should().Be(new Containers.Builders.PortBinding(8080, 0));
    }

    [Fact]
    public void Invalid_settings_are_refused_with_what_would_be_right()
    {
        var builder = new ContainerBuilder();
        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>().WithMessage("*WithImage*");
        builder.Invoking(b => b.WithPortBinding(70000, true)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1..65535*");
        builder.Invoking(b => b.WithImage("x").WithNetworkAliases("db").Build()).Should().Throw<InvalidOperationException>().WithMessage("*WithNetwork*");
        builder.Invoking(b => b.WithMemoryLimit(1024)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*6 MiB*");
    }

    [Fact]
    public async Task Ports_are_published_on_127_0_0_1_only_on_a_random_port()
    {
        await using var container = (await Busybox.HttpServerAsync(output, "loopback"))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/healthz")))
            .Build();
        await container.StartAsync();

        using var docker = new DockerClient();
        var bindings = (await docker.Containers.InspectAsync(container.Id)).NetworkSettings.Ports!["8080/tcp"];
        bindings.Should().ContainSingle().Which.HostIp.Should().Be("127.0.0.1", "nothing outside this host may reach a test container");
        container.Hostname.Should().Be("127.0.0.1");
        container.GetMappedPublicPort(8080).Should().Be(ushort.Parse(bindings![0].HostPort)).And.NotBe(8080);
        using var http = new HttpClient();
        (await http.GetAsync($"http://127.0.0.1:{container.GetMappedPublicPort(8080)}/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        container.Invoking(c => c.GetMappedPublicPort(9999)).Should().Throw<InvalidOperationException>().WithMessage("*published: 8080*");
    }

    [Fact]
    public async Task Hardening_options_reach_the_engine()
    {
        await using var container = (await Busybox.BuilderAsync(output, "hardened"))
            .WithCommand("sh", "-c", "id -u; touch /rootfs-write 2>/dev/null && echo rootfs writable || echo rootfs read-only; touch /tmp/x && echo tmp writable; sleep 60")
            .WithUser("1654:1654")
            .WithReadOnlyRootFilesystem()
            .WithTmpfs("/tmp", "rw,size=16m,mode=1777")
            .WithCapDrop("ALL")
            .WithCpus(0.5)
            .WithMemoryLimit(64 * 1024 * 1024)
            .WithLabel("com.creditrobot.test", "hardening")
            .WithStopTimeout(TimeSpan.FromSeconds(1))
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("tmp writable"))
            .Build();
        await container.StartAsync();

        container.Logs.Stdout.Should().Contain("1654").And.Contain("rootfs read-only");
        using var docker = new DockerClient();
        var inspect = await docker.Containers.InspectAsync(container.Id);
        inspect.HostConfig.CapDrop.Should().Equal("ALL");
        inspect.HostConfig.NanoCpus.Should().Be(500_000_000);
        inspect.HostConfig.Memory.Should().Be(64 * 1024 * 1024);
        inspect.Config.Labels.Should().Contain("com.creditrobot.test", "hardening").And.ContainKey(Containers.Cleanup.ResourceLabels.Session);
    }

    [Fact]
    public async Task Containers_on_a_network_reach_each_other_by_alias_and_dispose_removes_everything()
    {
        string networkId, serverId;
        await using (var network = new NetworkBuilder().WithName("alias").Build())
        {
            await using var server = (await Busybox.HttpServerAsync(output, "server"))
                .WithNetwork(network).WithNetworkAliases("web")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilPortIsAvailable(8080))
                .Build();
            await server.StartAsync();
            await using var client = (await Busybox.BuilderAsync(output, "client"))
                .WithNetwork(network)
                .WithCommand("sh", "-c", "wget -q -O - http://web:8080/healthz")
                .Build();
            await client.StartAsync();

            (await client.GetExitCodeAsync()).Should().Be(0);
            (await client.GetLogsAsync()).Stdout.Should().Be("ok");
            (networkId, serverId) = (network.Id, server.Id);
        }

        using var docker = new DockerClient();
        (await docker.Containers.ListAsync(new ListContainersRequest { Filters = new Dictionary<string, IReadOnlyList<string>> { ["id"] = [serverId] } }))
            .Should().BeEmpty();
        (await docker.Networks.ListAsync()).Should().NotContain(n => n.Id == networkId);
    }
}
