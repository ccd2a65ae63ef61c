using Docker.DotNet;
using Docker.DotNet.Models;

namespace Containers;

/// <summary>
/// Removes what crashed processes (test hosts, a cancelled build's tests, the benchmark) left behind: Ryuk's job, done
/// without its image, so it holds where Ryuk cannot run. <see cref="TestcontainersEngine"/> runs it once per process
/// before Testcontainers is first used; the build runs it after a cancelled SmokeTest.
/// </summary>
public static class SessionSweep
{
    /// <summary>Removes containers, then networks, then volumes of dead sessions; returns what was removed.</summary>
    public static Task<SweepResult> RunAsync(IDockerClient docker, CancellationToken ct = default) => RunAsync(docker, settle: false, ct);

    /// <summary>
    /// As above; with <paramref name="settle"/> (after a test host was killed) it sweeps again a second apart until two
    /// passes find nothing (at most 20 s): the engine completes create requests that were in flight at the kill, so a
    /// container can appear after the first pass.
    /// </summary>
    public static async Task<SweepResult> RunAsync(IDockerClient docker, bool settle, CancellationToken ct = default)
    {
        var total = await SweepOnceAsync(docker, ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        for (var quiet = 0; settle && quiet < 2 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var more = await SweepOnceAsync(docker, ct);
            quiet = more.Containers + more.Networks + more.Volumes == 0 ? quiet + 1 : 0;
            total = total with
            {
                Containers = total.Containers + more.Containers, Networks = total.Networks + more.Networks,
                Volumes = total.Volumes + more.Volumes, Sessions = [.. total.Sessions.Union(more.Sessions)],
            };
        }
        return total;
    }

    private static async Task<SweepResult> SweepOnceAsync(IDockerClient docker, CancellationToken ct)
    {
        var sessions = new SortedSet<string>(StringComparer.Ordinal);

        var containers = 0;
        foreach (var container in await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = Filters() }, ct))
        {
            if (container.Labels is null || !Session.IsOrphaned(container.Labels)) continue;
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
            sessions.Add(container.Labels[Session.SessionLabel]);
            containers++;
        }

        // Networks after containers: a network with attached containers cannot be removed.
        var networks = 0;
        foreach (var network in await docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = Filters() }, ct))
        {
            if (network.Labels is null || !Session.IsOrphaned(network.Labels)) continue;
            await docker.Networks.DeleteNetworkAsync(network.ID, ct);
            sessions.Add(network.Labels[Session.SessionLabel]);
            networks++;
        }

        var volumes = 0;
        foreach (var volume in (await docker.Volumes.ListAsync(new VolumesListParameters { Filters = Filters() }, ct)).Volumes ?? [])
        {
            if (volume.Labels is null || !Session.IsOrphaned(volume.Labels)) continue;
            await docker.Volumes.RemoveAsync(volume.Name, force: true, ct);
            sessions.Add(volume.Labels[Session.SessionLabel]);
            volumes++;
        }

        return new SweepResult(containers, networks, volumes, [.. sessions]);

        IDictionary<string, IDictionary<string, bool>> Filters() =>
            new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [Session.SessionLabel] = true } };
    }
}

/// <summary>What a sweep removed, and of which dead sessions.</summary>
public sealed record SweepResult(int Containers, int Networks, int Volumes, IReadOnlyList<string> Sessions)
{
    public override string ToString() =>
        $"removed {Containers} container(s), {Networks} network(s), {Volumes} volume(s) of {Sessions.Count} dead session(s)";
}
