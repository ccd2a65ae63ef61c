using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Tests.Fixtures;

namespace Publishing.Tests.Registry;

/// <summary>The start/reuse/restart lifecycle, on uniquely named registries with random ports (never the user's :5000 one).</summary>
public sealed class LocalRegistryTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    private IDockerClient Docker => fixture.Docker;

    private async Task<LocalRegistryOptions> OptionsAsync(int? port = null)
    {
        var name = $"creditrobot-publishing-test-{Guid.NewGuid():N}"[..40];
        return new LocalRegistryOptions
        {
            Image = await TestImages.RegistryAsync(Docker), ContainerName = name, VolumeName = name, HostPort = port, Labels = Session.Labels,
        };
    }

    [Fact]
    public async Task Starts_once_then_reuses_and_a_stopped_registry_restarts_with_its_data()
    {
        var options = await OptionsAsync();
        var log = new List<string>();
        try
        {
            var first = await LocalRegistry.EnsureAsync(Docker, options, log.Add);
            var image = await fixture.ImageAsync("lifecycle");
            await new ImagePublisher(Docker).PublishAsync(new PublishRequest { ImageId = image, Registry = first, Repository = "kept", Tags = ["1"] });
            var second = await LocalRegistry.EnsureAsync(Docker, options, log.Add);
            await Docker.Containers.StopContainerAsync(options.ContainerName, new ContainerStopParameters { WaitBeforeKillSeconds = 5 });
            var third = await LocalRegistry.EnsureAsync(Docker, options, log.Add);

            first.IsLoopback.Should().BeTrue();
            first.Host.Should().Be("127.0.0.1");
            second.Should().Be(first);
            log.Should().ContainInOrder(
                $"Starting registry '{options.ContainerName}' ({options.Image}) with data in volume '{options.VolumeName}'.",
                $"Reusing running registry '{options.ContainerName}'.",
                $"Restarting stopped registry '{options.ContainerName}'.");
            using var registry = new RegistryClient(third, null);
            (await registry.GetManifestAsync("kept", "1"))!.ConfigDigest.Should().Be(image, "pushed images live in the named volume");

            var container = await Docker.Containers.InspectContainerAsync(options.ContainerName);
            container.Config!.Labels.Should().Contain("com.creditrobot.project", "creditrobot").And.Contain("com.creditrobot.role", "registry");
            container.NetworkSettings!.Ports!["5000/tcp"].Should().ContainSingle().Which.HostIP.Should().Be("127.0.0.1");
            (await Docker.Volumes.InspectAsync(options.VolumeName)).Labels.Should().Contain("com.creditrobot.project", "creditrobot");
        }
        finally
        {
            await LocalRegistry.RemoveAsync(Docker, options);
        }

        var session = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{Session.SessionLabel}={Session.Id}"] = true },
        };
        (await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = session }))
            .Should().NotContain(c => c.Names != null && c.Names.Contains("/" + options.ContainerName));
        ((await Docker.Volumes.ListAsync(new VolumesListParameters { Filters = session })).Volumes ?? [])
            .Should().NotContain(v => v.Name == options.VolumeName);
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_error_and_leaves_no_container_behind()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var options = await OptionsAsync(port);
        try
        {
            var act = () => LocalRegistry.EnsureAsync(Docker, options);

            (await act.Should().ThrowAsync<InvalidOperationException>())
                .WithMessage($"*127.0.0.1:{port} is already in use*--registry*");
            var act2 = () => Docker.Containers.InspectContainerAsync(options.ContainerName);
            await act2.Should().ThrowAsync<DockerContainerNotFoundException>();
        }
        finally
        {
            await LocalRegistry.RemoveAsync(Docker, options);
        }
    }

    [Fact]
    public async Task A_foreign_container_with_the_registry_name_is_not_hijacked()
    {
        var options = await OptionsAsync();
        var image = await fixture.ImageAsync("foreign");
        await Docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Name = options.ContainerName, Labels = Session.Labels.ToDictionary() });
        try
        {
            var act = () => LocalRegistry.EnsureAsync(Docker, options);

            (await act.Should().ThrowAsync<InvalidOperationException>())
                .WithMessage($"*'{options.ContainerName}' exists but is not this project's registry*docker rm -f*--registry*");
        }
        finally
        {
            await Docker.Containers.RemoveContainerAsync(options.ContainerName, new ContainerRemoveParameters { Force = true });
            await LocalRegistry.RemoveAsync(Docker, options);
        }
    }
}
