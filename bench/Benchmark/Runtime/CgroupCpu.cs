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
}
