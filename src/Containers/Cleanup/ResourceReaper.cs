using System.Globalization;
using Containers.Engine;

namespace Containers.Cleanup;

/// <summary>
/// Removes what crashed sessions left behind: the job Testcontainers' Ryuk container does, done without a
/// helper image. A session is dead when its process (pid + start time, see <see cref="ProcessIdentity"/>) no
/// longer runs on this host. Resources of other hosts sharing the engine are never touched, since their
/// processes cannot be checked from here. Runs once per process before the first resource is created.
/// </summary>
public static class ResourceReaper
{
    /// <summary>Removes containers, then networks, then volumes of dead sessions; returns what was removed.</summary>
    public static async Task<ReapResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        return await SweepAsync(engine, cancellationToken);
    }

    /// <summary>
    /// The sweep that ran at this process's first use of the engine (triggering it now if there was none yet).
    /// </summary>
    public static async Task<ReapResult> EnsureSweptAsync(CancellationToken cancellationToken = default) =>
        (await ContainerEngine.GetAsync(cancellationToken)).FirstSweep!;

    /// <summary>True when the labels name a session of this host whose process is gone.</summary>
    public static bool IsOrphaned(IReadOnlyDictionary<string, string> labels)
    {
        if (!labels.TryGetValue(ResourceLabels.Session, out var session) || session == TestSession.Id) return false;
        if (!labels.TryGetValue(ResourceLabels.SessionHost, out var host) || host != TestSession.Host) return false;
        if (!labels.TryGetValue(ResourceLabels.SessionPid, out var pidText) ||
            !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        var alive = labels.TryGetValue(ResourceLabels.SessionStart, out var start)
            ? new ProcessIdentity(pid, start).IsAlive()
            : ProcessIdentity.Of(pid) is not null;
        return !alive;
    }

    internal static async Task<ReapResult> SweepAsync(ContainerEngine engine, CancellationToken cancellationToken)
    {
        var sessions = new SortedSet<string>(StringComparer.Ordinal);
        var containers = 0;
        foreach (var container in await engine.ListContainersAsync(ResourceLabels.Session, cancellationToken))
        {
            if (!IsOrphaned(container.Labels)) continue;
            await engine.RemoveContainerAsync(container.Id, cancellationToken);
            sessions.Add(container.Labels[ResourceLabels.Session]);
            containers++;
        }

        // Networks after containers: a network with attached containers cannot be removed.
        var networks = 0;
        foreach (var network in await engine.ListNetworksAsync(ResourceLabels.Session, cancellationToken))
        {
            if (!IsOrphaned(network.Labels)) continue;
            await engine.RemoveNetworkAsync(network.Id, cancellationToken);
            sessions.Add(network.Labels[ResourceLabels.Session]);
            networks++;
        }

        var volumes = 0;
        foreach (var volume in await engine.ListVolumesAsync(ResourceLabels.Session, cancellationToken))
        {
            if (!IsOrphaned(volume.Labels)) continue;
            await engine.RemoveVolumeAsync(volume.Id, cancellationToken);
            sessions.Add(volume.Labels[ResourceLabels.Session]);
            volumes++;
        }

        return new ReapResult(containers, networks, volumes, [.. sessions]);
    }
}

/// <summary>What a sweep removed, and of which dead sessions.</summary>
public sealed record ReapResult(int Containers, int Networks, int Volumes, IReadOnlyList<string> Sessions)
{
    public bool RemovedAnything => Containers + Networks + Volumes > 0;

    public override string ToString() =>
        $"removed {Containers} container(s), {Networks} network(s), {Volumes} volume(s) of {Sessions.Count} dead session(s)";
}
