using Containers;
using DotNet.Testcontainers.Builders;

namespace Testing.Tests;

/// <summary>
/// Entry point of the test assembly when run as a program (the test runner never calls it): the crash test's child
/// creates a network and a running container as tests do, and is killed.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CrashHarness.MainAsync(args, async () =>
    {
        var network = new NetworkBuilder().WithName($"creditrobot-crash-{Guid.NewGuid():N}").WithSessionLabels().Build();
        var container = new ContainerBuilder(await RecipeImages.BuildAsync("idle", TestImages.Idle))
            .WithNetwork(network).WithNetworkAliases("child").ForTest().Build();
        await container.StartAsync();
        return [container.Id, network.Name];
    });
}
