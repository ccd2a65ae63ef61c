namespace Images.Tests;

public sealed class EnginePlanTests
{
    private static readonly HostFacts DebianRoot = new()
    {
        IsLinux = true, IsRoot = true, OsId = "debian", AptGetPath = "/usr/bin/apt-get", DockerdPath = null,
    };

    [Fact]
    public void Root_on_debian_without_dockerd_installs_then_starts() =>
        EnginePlan.For(DebianRoot, "unix:///var/run/docker.sock", true).Should().Be(new EnginePlan(EngineAction.InstallAndStart, null));

    [Fact]
    public void Root_with_an_installed_dockerd_only_starts_it_even_on_other_distributions() =>
        EnginePlan.For(DebianRoot with { OsId = "fedora", DockerdPath = "/usr/bin/dockerd" }, "unix:///var/run/docker.sock", true)
            .Action.Should().Be(EngineAction.Start);

    [Fact]
    public void Ubuntu_derivatives_count_as_debian_through_id_like() =>
        EnginePlan.For(DebianRoot with { OsId = "linuxmint", OsIdLike = "ubuntu debian" }, "unix:///var/run/docker.sock", true)
            .Action.Should().Be(EngineAction.InstallAndStart);

    [Fact]
    public void Non_root_is_told_how_to_start_docker_with_sudo()
    {
        var plan = EnginePlan.For(DebianRoot with { IsRoot = false }, "unix:///var/run/docker.sock", true);
        plan.CanProceed.Should().BeFalse();
        plan.Refusal.Should().Contain("No Docker engine answers at unix:///var/run/docker.sock")
            .And.Contain("sudo apt-get install -y docker.io").And.Contain("run the build as root");
    }

    [Fact]
    public void Non_debian_root_without_dockerd_is_sent_to_the_install_docs()
    {
        var plan = EnginePlan.For(DebianRoot with { OsId = "fedora", AptGetPath = null }, "unix:///var/run/docker.sock", true);
        plan.Refusal.Should().Contain("(fedora) is not Debian/Ubuntu").And.Contain("https://docs.docker.com/engine/install/");
    }

    [Fact]
    public void A_remote_docker_host_is_never_replaced_by_a_local_engine() =>
        EnginePlan.For(DebianRoot, "tcp://10.0.0.5:2375", false).Refusal.Should().Contain("DOCKER_HOST");

    [Fact]
    public async Task A_running_engine_needs_nothing()
    {
        var status = await EngineProvisioner.EnsureAsync();
        status.Action.Should().Be(EngineAction.AlreadyRunning);
        status.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        // Never a newer API than the engine reports: on an older engine the client is pinned to the engine's version.
        var reported = Version.Parse((await status.Docker.System.GetVersionAsync()).APIVersion);
        status.ApiVersion.Should().Be(reported);
        if (reported < new Version(1, 52))
            status.Docker.Options.ApiVersion.Should().Be(reported);
    }

    [Fact]
    public async Task An_unreachable_non_default_socket_fails_with_instructions_and_starts_nothing()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"no-engine-{Guid.NewGuid():N}.sock");
        using var docker = new Docker.DotNet.DockerClientBuilder().WithEndpoint(new Uri($"unix://{socket}")).Build();

        var act = () => EngineProvisioner.EnsureAsync(docker, new EngineProvisionOptions { HostTools = new HostTools(DebianRoot) });

        (await act.Should().ThrowAsync<ImagesException>()).Which.Message.Should()
            .Contain($"No Docker engine answers at unix://{socket}").And.Contain("unset DOCKER_HOST");
    }

    [Fact]
    public void This_host_is_detected_as_what_it_is()
    {
        var facts = HostFacts.Detect();
        facts.IsLinux.Should().BeTrue();
        facts.OsId.Should().NotBeNullOrEmpty();
        facts.IsRoot.Should().Be(Environment.UserName == "root");
    }
}
