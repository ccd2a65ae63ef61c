using Containers.Builders;
using Containers.Cleanup;
using Containers.Tests.Infrastructure;

namespace Containers.Tests.Cleanup;

/// <summary>The child processes of the kill -9 test.</summary>
public static class ReaperChild
{
    /// <summary>Creates a network and a running container, reports them, then waits to be killed.</summary>
    public const string Command = "reaper-child";

    /// <summary>A "next run": first use of the engine (which sweeps), prints what the sweep removed, exits.</summary>
    public const string NextRunCommand = "reaper-next-run";

    public static async Task<int> RunAsync()
    {
        var network = new NetworkBuilder().WithName("reaper-child").Build();
        var container = new ContainerBuilder(await TestImages.BusyboxAsync())
            .WithName("reaper-child")
            .WithNetwork(network)
            .WithNetworkAliases("child")
            .WithCommand("sleep", "300")
            .Build();
        await container.StartAsync();
        Console.WriteLine($"READY {TestSession.Id} {container.Id} {network.Id}");
        await Task.Delay(Timeout.InfiniteTimeSpan);
        return 0;
    }

    public static async Task<int> NextRunAsync()
    {
        var swept = await ResourceReaper.EnsureSweptAsync();
        Console.WriteLine($"SWEPT {string.Join(',', swept.Sessions)} {swept.Containers} {swept.Networks} {swept.Volumes}");
        return 0;
    }
}
