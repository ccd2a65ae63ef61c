using Containers;
using DotNet.Testcontainers.Builders;

namespace Testing.Tests;

/// <summary>
/// Entry point of the test assembly when run as a program (the test runner never calls it): the child
/// processes of the crash test. <c>crash-child</c> creates a network and a running container, prints their ids
/// and waits to be killed; <c>next-run</c> is a later run's first use, printing what its sweep removed.
/// </summary>
public static class Program
{
    public const string CrashChild = "crash-child";
    public const string NextRun = "next-run";

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [CrashChild]:
                var network = new NetworkBuilder().WithName($"creditrobot-crash-{Guid.NewGuid():N}").WithSessionLabels().Build();
                var container = new ContainerBuilder(await RecipeImages.BuildAsync("idle", TestImages.Idle))
                    .WithNetwork(network).WithNetworkAliases("child").ForTest().Build();
                await container.StartAsync();
                Console.WriteLine($"READY {Session.Id} {container.Id} {network.Name}");
                await Task.Delay(Timeout.InfiniteTimeSpan);
                return 0;
            case [NextRun]:
                var swept = TestcontainersEngine.Facts.FirstSweep;
                Console.WriteLine($"SWEPT {string.Join(',', swept.Sessions)} {swept.Containers} {swept.Networks} {swept.Volumes}");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Run the tests with `dotnet test`; `{CrashChild}` and `{NextRun}` are the crash test's child processes.");
                return 2;
        }
    }
}
