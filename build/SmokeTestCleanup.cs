using System.Globalization;
using DockerEngine;

/// <summary>
/// What the SmokeTest target registers as its cleanup: removes the containers (then networks) of the project
/// (<c>com.creditrobot.project=creditrobot</c>) that belong to the smoke-test session. The session is named by
/// <see cref="SessionVariable"/>, which the target sets for the test host; until the test fixture takes its
/// session id from that variable, a session also counts as the smoke test's when its process
/// (<c>com.creditrobot.session.pid</c> + start time, on this host) is gone, as after Ctrl+C killed the test host.
/// Resources of live sessions (another test run on this machine) are never touched.
/// </summary>
internal sealed class SmokeTestCleanup(DockerClient docker, string sessionId)
{
    public const string SessionVariable = "CREDITROBOT_TEST_SESSION";
    private const string Project = "com.creditrobot.project";
    private const string Session = "com.creditrobot.session";

    /// <summary>
    /// One pass; after a cancellation (<paramref name="settle"/>) passes a second apart until two find nothing
    /// more (at most 20 s): the engine completes create and start requests that were in flight when the test
    /// host was killed, so a container can appear after the first pass.
    /// </summary>
    public async Task<int> RemoveAsync(bool settle, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var total = await RemoveOnceAsync(ct);
        var quiet = 0;
        while (settle && quiet < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var removed = await RemoveOnceAsync(ct);
            total += removed;
            quiet = removed == 0 ? quiet + 1 : 0;
        }

        return total;
    }

    private async Task<int> RemoveOnceAsync(CancellationToken ct)
    {
        var labels = new Dictionary<string, string?> { [Project] = "creditrobot" };
        var removed = 0;
        foreach (var container in await docker.Containers.ListAsync(new ListContainersRequest { All = true, Labels = labels }, ct))
        {
            if (!Belongs(container.Labels))
                continue;
            try
            {
                await docker.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true, ct);
                removed++;
            }
            catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
            {
            }
        }

        foreach (var network in await docker.Networks.ListAsync(labels, ct))
        {
            if (!Belongs(network.Labels))
                continue;
            try
            {
                await docker.Networks.RemoveAsync(network.Id, ct);
            }
            catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
            {
            }
        }

        return removed;
    }

    private bool Belongs(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(Session, out var session))
            return false;
        if (session == sessionId)
            return true;
        if (labels.GetValueOrDefault("com.creditrobot.session.host") != Environment.MachineName)
            return false;
        if (!int.TryParse(labels.GetValueOrDefault("com.creditrobot.session.pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return false;
        return !IsAlive(pid, labels.GetValueOrDefault("com.creditrobot.session.start"));
    }

    // /proc/<pid>/stat field 22 is the start time in clock ticks since boot: a reused pid has another one.
    private static bool IsAlive(int pid, string? startTime)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        if (startTime is null)
            return true;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && fields[19] == startTime;
    }
}
