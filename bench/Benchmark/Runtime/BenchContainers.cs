using DockerEngine;

namespace Benchmark.Runtime;

/// <summary>
/// Creates the benchmark's containers (labelled with the project and session labels, limited in CPU and memory,
/// published on 127.0.0.1 only) and removes every one of them again: after each measurement, and on dispose,
/// which also runs on Ctrl+C and failures.
/// </summary>
public sealed class BenchContainers : IAsyncDisposable
{
    private readonly DockerClient _docker;
    private readonly long _nanoCpus;
    private readonly HashSet<string> _live = [];

    public BenchContainers(DockerClient docker, long nanoCpus)
    {
        _docker = docker;
        _nanoCpus = nanoCpus;
    }

    public static IReadOnlyDictionary<string, string> Labels => Testing.TestSession.Labels;

    /// <summary>Creates the container; the caller starts it (so the startup clock covers only the start).</summary>
    public async Task<ServiceContainer> CreateAsync(BenchImage image, long memoryBytes, CancellationToken ct)
    {
        var hostPort = FreePort.Next();
        var id = await _docker.Containers.CreateAsync(new CreateContainerRequest
        {
            Image = image.Reference,
            Labels = new Dictionary<string, string>(Labels) { ["com.creditrobot.benchmark"] = image.Name },
            PortBindings = [new PortBinding(image.ContainerPort, hostPort)],
            NanoCpus = _nanoCpus,
            Memory = memoryBytes,
        }, ct);
        lock (_live)
            _live.Add(id);
        return new ServiceContainer(id, image, hostPort);
    }

    public Task StartAsync(ServiceContainer container, CancellationToken ct) => _docker.Containers.StartAsync(container.Id, ct);

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
    public async Task<long> MemoryInUseAsync(ServiceContainer container, CancellationToken ct) =>
        (await _docker.Containers.GetMemoryStatsAsync(container.Id, ct)).InUse;

    public async Task<ContainerInspectResponse> InspectAsync(ServiceContainer container, CancellationToken ct) =>
        await _docker.Containers.InspectAsync(container.Id, ct);

    /// <summary>The last log lines, for error messages.</summary>
    public async Task<string> LogTailAsync(ServiceContainer container, CancellationToken ct)
    {
        try
        {
            var logs = await _docker.Containers.GetLogsAsync(container.Id, ct);
            return string.Join('\n', (logs.Stdout + logs.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(20));
        }
        catch (DockerEngineException e)
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
            await _docker.Containers.RemoveAsync(id, force: true, removeVolumes: true, limit.Token);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
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
            catch (Exception e) when (e is DockerEngineException or OperationCanceledException)
            {
                failed.Add($"{id[..Math.Min(12, id.Length)]} ({e.Message})");
            }
        }

        if (failed.Count > 0)
            throw new BenchmarkException($"Could not remove benchmark container(s) {string.Join(", ", failed)}; " +
                                         "remove them with: docker rm -f $(docker ps -aq --filter label=com.creditrobot.benchmark)");
    }
}
