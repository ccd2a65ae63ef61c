using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Benchmark.Runtime;

/// <summary>
/// Creates the benchmark's containers (labelled with the project and session labels, limited in CPU and memory,
/// published on 127.0.0.1 only) and removes every one of them again: after each measurement, and on dispose,
/// which also runs on Ctrl+C and failures.
/// </summary>
public sealed class BenchContainers(IDockerClient docker, long nanoCpus) : IAsyncDisposable
{
    private readonly HashSet<string> _live = [];

    public static IReadOnlyDictionary<string, string> Labels => Session.Labels;

    /// <summary>
    /// Creates the container; the caller starts it (so the startup clock covers only the start). An
    /// <paramref name="entrypoint"/> replaces the image's (the engine-floor container runs only <c>sleep</c>).
    /// </summary>
    public async Task<ServiceContainer> CreateAsync(BenchImage image, long memoryBytes, CancellationToken ct, IList<string>? entrypoint = null)
    {
        var hostPort = FreePort.Next();
        var port = $"{image.ContainerPort}/tcp";
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image.Reference,
            Entrypoint = entrypoint!, // null: the image's own
            Labels = new Dictionary<string, string>(Labels) { ["com.creditrobot.benchmark"] = image.Name },
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    [port] = [new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
                },
                NanoCPUs = nanoCpus,
                Memory = memoryBytes,
            },
        }, ct);
        lock (_live)
            _live.Add(created.ID);
        return new ServiceContainer(created.ID, image, hostPort);
    }

    public Task StartAsync(ServiceContainer container, CancellationToken ct) =>
        docker.Containers.StartContainerAsync(container.Id, new ContainerStartParameters(), ct);

    /// <summary>Created, started and answering 200 on /healthz.</summary>
    public async Task<ServiceContainer> RunHealthyAsync(BenchImage image, long memoryBytes, TimeSpan timeout, CancellationToken ct)
    {
        var container = await CreateAsync(image, memoryBytes, ct);
        await StartAsync(container, ct);
        using var probe = new HealthProbe();
        await probe.WaitForOkAsync(this, container, timeout, ct);
        return container;
    }

    /// <summary>Memory in use now (usage minus inactive file cache, as docker stats shows it).</summary>
    public async Task<long> MemoryInUseAsync(ServiceContainer container, CancellationToken ct)
    {
        var stats = new LastReport<ContainerStatsResponse>();
        await docker.Containers.GetContainerStatsAsync(container.Id, new ContainerStatsParameters { Stream = false, OneShot = true }, stats, ct);
        var memory = stats.Value?.MemoryStats ?? throw new BenchmarkException($"The engine reported no memory statistics for container {container.ShortId}.");
        var inactive = memory.Stats is { } s && (s.TryGetValue("inactive_file", out var v2) || s.TryGetValue("total_inactive_file", out v2)) ? (long)v2 : 0;
        return (long)(memory.Usage ?? 0) - inactive;
    }

    public async Task<ContainerInspectResponse> InspectAsync(ServiceContainer container, CancellationToken ct) =>
        await docker.Containers.InspectContainerAsync(container.Id, ct);

    /// <summary>The last log lines, for error messages.</summary>
    public async Task<string> LogTailAsync(ServiceContainer container, CancellationToken ct)
    {
        try
        {
            using var logs = await docker.Containers.GetContainerLogsAsync(container.Id,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "20" }, ct);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(ct);
            return string.Join('\n', (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(20));
        }
        catch (DockerApiException e)
        {
            return $"(logs unavailable: {e.Message})";
        }
    }

    public Task RemoveAsync(ServiceContainer container) => RemoveAsync(container.Id);

    private async Task RemoveAsync(string id)
    {
        // Removal must happen even when the run was cancelled: a fresh, bounded token.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, limit.Token);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }

        lock (_live)
            _live.Remove(id);
    }

    public async ValueTask DisposeAsync()
    {
        string[] remaining;
        lock (_live)
            remaining = [.. _live];
        var failed = new List<string>();
        foreach (var id in remaining)
        {
            try
            {
                await RemoveAsync(id);
            }
            catch (Exception e) when (e is DockerApiException or OperationCanceledException)
            {
                failed.Add($"{ServiceContainer.Short(id)} ({e.Message})");
            }
        }

        if (failed.Count > 0)
            throw new BenchmarkException($"Could not remove benchmark container(s) {string.Join(", ", failed)}; " +
                                         "remove them with: docker rm -f $(docker ps -aq --filter label=com.creditrobot.benchmark)");
    }
}

/// <summary>Keeps the last value reported, synchronously (<see cref="Progress{T}"/> would post it later).</summary>
internal sealed class LastReport<T> : IProgress<T>
{
    public T? Value { get; private set; }

    public void Report(T value) => Value = value;
}
