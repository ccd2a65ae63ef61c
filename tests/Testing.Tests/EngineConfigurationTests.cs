using Containers;
using DotNet.Testcontainers.Builders;

namespace Testing.Tests;

public sealed class EngineConfigurationTests
{
    [Fact]
    public void The_api_version_is_pinned_only_when_the_engine_is_older_than_Testcontainers_default()
    {
        var facts = TestcontainersEngine.Facts;
        var pinned = Environment.GetEnvironmentVariable(DockerEngine.ApiVersionVariable);
        if (facts.ApiVersion.EndsWith("(given)", StringComparison.Ordinal)) return; // the user's value wins, whatever it is
        if (facts.EngineApi < facts.LibraryApi) pinned.Should().Be(facts.EngineApi.ToString(), facts.ToString());
        else pinned.Should().BeNull("a current engine gets Testcontainers' default: " + facts);
    }

    [Fact]
    public async Task A_test_container_publishes_its_ports_on_loopback_only_and_carries_the_session_labels()
    {
        await using var container = new ContainerBuilder(await RecipeImages.BuildAsync("idle", TestImages.Idle))
            .WithPortBinding(8080, assignRandomHostPort: true)
            .ForTest()
            .Build();
        await container.StartAsync();

        using var docker = TestcontainersEngine.CreateClient();
        var inspect = await docker.Containers.InspectContainerAsync(container.Id);
        inspect.NetworkSettings!.Ports!["8080/tcp"].Should().ContainSingle().Which.HostIP.Should().Be("127.0.0.1");
        inspect.Config!.Labels.Should().Contain(Session.Labels);
        container.Hostname.Should().Be("127.0.0.1", "connections stay on loopback");
    }
}
