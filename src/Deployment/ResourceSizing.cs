using k8s.Models;
using ServerConfig;

namespace Deployment;

/// <summary>
/// CPU and memory of one pod, derived (not guessed):
/// <list type="bullet">
/// <item>CPU limit = the cores the settings were sized for: workers = 2 x cores + 1 (Gunicorn's formula),
/// so cores = (workers - 1) / 2, at least 1. The thread-pool floor is workers x threads.</item>
/// <item>CPU request = half of that: the benchmark's 1-CPU container served 8-16k req/s (60 µs of CPU per request),
/// so half the sized cores is a sound guaranteed share; the limit lets a burst use the rest.</item>
/// <item>Memory request = the measured peak under load rounded up to 16 MiB (52.6 → 64 MiB): what a node must really have.</item>
/// <item>Memory limit = twice the request (128 MiB): room for what the benchmark did not exercise (bodies up to
/// max_body_size, a full connection pool). .NET sizes its GC heap limit to 75 % of it (96 MiB), still above the peak.</item>
/// </list>
/// </summary>
public sealed record ResourceSizing(int CpuLimitMillicores, int CpuRequestMillicores, int MemoryRequestMiB, int MemoryLimitMiB)
{
    public static ResourceSizing From(ServerSettings settings, DeploymentFacts facts)
    {
        if (facts.MeasuredPeakMemoryMiB <= 0)
            throw new ArgumentException($"MeasuredPeakMemoryMiB: {facts.MeasuredPeakMemoryMiB} is not a measurement (expected the peak MiB from docs/benchmark/results.md).");
        var cores = Math.Max(1, (settings.Workers - 1) / 2);
        var memoryRequest = (int)Math.Ceiling(facts.MeasuredPeakMemoryMiB / 16) * 16;
        return new ResourceSizing(cores * 1000, cores * 500, memoryRequest, 2 * memoryRequest);
    }

    public long MemoryLimitBytes => MemoryLimitMiB * 1024L * 1024L;

    public V1ResourceRequirements ToKubernetes() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new($"{CpuRequestMillicores}m"),
            ["memory"] = new($"{MemoryRequestMiB}Mi"),
        },
        Limits = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new($"{CpuLimitMillicores}m"),
            ["memory"] = new($"{MemoryLimitMiB}Mi"),
        },
    };
}
