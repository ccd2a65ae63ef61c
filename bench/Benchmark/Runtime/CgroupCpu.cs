namespace Benchmark.Runtime;

/// <summary>
/// CPU time a container used so far, read from its cgroup (v1 cpuacct, v2 cpu.stat; cgroupfs or systemd driver).
/// CPU per request is the figure that survives a busy machine: wall-clock throughput does not.
/// Null when the cgroup is not where Docker usually puts it.
/// </summary>
public static class CgroupCpu
{
    public static TimeSpan? Read(string containerId)
    {
        string[] v1 = [$"/sys/fs/cgroup/cpuacct/docker/{containerId}/cpuacct.usage", $"/sys/fs/cgroup/cpu,cpuacct/docker/{containerId}/cpuacct.usage",
            $"/sys/fs/cgroup/cpuacct/system.slice/docker-{containerId}.scope/cpuacct.usage"];
        foreach (var path in v1.Where(File.Exists))
            if (long.TryParse(File.ReadAllText(path).Trim(), out var ns))
                return TimeSpan.FromTicks(ns / 100);

        string[] v2 = [$"/sys/fs/cgroup/docker/{containerId}/cpu.stat", $"/sys/fs/cgroup/system.slice/docker-{containerId}.scope/cpu.stat"];
        foreach (var path in v2.Where(File.Exists))
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["usage_usec ".Length..], out var us))
                return TimeSpan.FromTicks(us * 10);
        }

        return null;
    }

    /// <summary>
    /// Time the CFS quota held the container back so far (cpu.stat throttled_time, v2 throttled_usec). A saturated
    /// container at --cpus=1 is throttled in most 100 ms periods: that, not the server, sets much of its p99.
    /// </summary>
    public static TimeSpan? Throttled(string containerId)
    {
        string[] v1 = [$"/sys/fs/cgroup/cpu/docker/{containerId}/cpu.stat", $"/sys/fs/cgroup/cpu,cpuacct/docker/{containerId}/cpu.stat",
            $"/sys/fs/cgroup/cpu/system.slice/docker-{containerId}.scope/cpu.stat"];
        foreach (var path in v1.Where(File.Exists))
            if (Field(path, "throttled_time") is { } ns)
                return TimeSpan.FromTicks(ns / 100);
        string[] v2 = [$"/sys/fs/cgroup/docker/{containerId}/cpu.stat", $"/sys/fs/cgroup/system.slice/docker-{containerId}.scope/cpu.stat"];
        foreach (var path in v2.Where(File.Exists))
            if (Field(path, "throttled_usec") is { } us)
                return TimeSpan.FromTicks(us * 10);
        return null;
    }

    private static long? Field(string path, string name) =>
        File.ReadLines(path).Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => long.TryParse(l[(name.Length + 1)..], out var v) ? v : (long?)null).FirstOrDefault();
}
