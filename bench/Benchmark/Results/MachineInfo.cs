using Docker.DotNet;

namespace Benchmark.Results;

/// <summary>Where the numbers were taken: printed next to every table, since they mean nothing without it.</summary>
public sealed record MachineInfo(string Host, int Cores, double MemoryGiB, string Cpu, string Os, string Kernel,
    string DockerEngine, string DockerApi, string DotNet)
{
    public override string ToString() =>
        $"{Host}: {Cpu}, {Cores} cores, {MemoryGiB:0} GiB, {Os}, kernel {Kernel}, Docker {DockerEngine} (API {DockerApi}), .NET {DotNet}";

    public static async Task<MachineInfo> ReadAsync(IDockerClient docker, CancellationToken ct)
    {
        var version = await docker.System.GetVersionAsync(ct);
        return new MachineInfo(
            Environment.MachineName,
            Environment.ProcessorCount,
            Math.Round(KiB("/proc/meminfo", "MemTotal:") / 1048576.0, 1),
            Field("/proc/cpuinfo", "model name") ?? "unknown CPU",
            (Field("/etc/os-release", "PRETTY_NAME", '=') ?? Environment.OSVersion.VersionString).Trim('"'),
            Read("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString(),
            version.Version,
            version.APIVersion,
            Environment.Version.ToString());
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    private static string? Field(string path, string key, char separator = ':') =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(separator))
                .Select(l => l[(l.IndexOf(separator) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static long KiB(string path, string key) =>
        long.TryParse(Field(path, key)?.Split(' ')[0], out var kib) ? kib : 0;
}
