using Containers.Builders;
using Containers.Cleanup;
using Containers.Engine;
using Containers.Output;
using Containers.Waiting;

namespace Containers;

/// <summary>The <see cref="IContainer"/> that <see cref="ContainerBuilder.Build"/> returns.</summary>
internal sealed class DockerContainer : IContainer
{
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly LogCollector _logs;
    private IReadOnlyDictionary<int, ushort> _ports = new Dictionary<int, ushort>();
    private string? _id;
    private Task _following = Task.CompletedTask;
    private int _disposed;

    public DockerContainer(ContainerConfiguration configuration)
    {
        Configuration = configuration;
        Name = ResourceNames.Unique(configuration.Name ?? "container");
        _logs = new LogCollector(Name, configuration.OutputConsumers);
    }

    public ContainerConfiguration Configuration { get; }

    public string Id => _id ?? throw new InvalidOperationException($"Container '{Name}' has not been started; call StartAsync first.");

    public string Name { get; }

    public string Image => Configuration.Image!;

    public string Hostname => PortBinding.HostIp;

    public ContainerLogs Logs => _logs.Snapshot();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_id is not null) throw new InvalidOperationException($"Container '{Name}' was started already; build a new one.");
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        if (Configuration.Network is { } network) await network.CreateAsync(cancellationToken);

        var labels = new Dictionary<string, string>(Configuration.Labels);
        foreach (var (key, value) in TestSession.Labels) labels[key] = value;
        _id = await engine.CreateContainerAsync(Configuration, Name, labels, cancellationToken);
        await engine.StartContainerAsync(_id, cancellationToken);
        // Follow from the beginning of the output: nothing written before the reader attached is lost.
        _following = engine.FollowLogsAsync(_id, _logs, _stopFollowing.Token);
        _ports = await engine.GetMappedPortsAsync(_id, cancellationToken);

        if (Configuration.WaitStrategy is { } wait) await WaitRunner.RunAsync(wait, this, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        await engine.StopContainerAsync(Id, Configuration.StopTimeout, cancellationToken);
        _logs.CompleteFrom(await engine.ReadLogsAsync(Id, cancellationToken));
    }

    public ushort GetMappedPublicPort(int containerPort) =>
        _ports.TryGetValue(containerPort, out var hostPort)
            ? hostPort
            : throw new InvalidOperationException(
                _id is null
                    ? $"Container '{Name}' has not been started; ports are mapped by StartAsync."
                    : $"Container '{Name}' does not publish port {containerPort}; published: " +
                      $"{(_ports.Count == 0 ? "none" : string.Join(", ", _ports.Keys))}. Add WithPortBinding({containerPort}, true).");

    public Uri GetBaseAddress(int containerPort) => new($"http://{Hostname}:{GetMappedPublicPort(containerPort)}/");

    public async Task<ContainerLogs> GetLogsAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        var exited = !(await engine.GetStatusAsync(Id, cancellationToken)).Running;
        var logs = await engine.ReadLogsAsync(Id, cancellationToken);
        if (exited) _logs.CompleteFrom(logs);
        return logs;
    }

    public async Task<long> GetExitCodeAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        var exitCode = await engine.WaitContainerAsync(Id, cancellationToken);
        _logs.CompleteFrom(await engine.ReadLogsAsync(Id, cancellationToken));
        return exitCode;
    }

    public async Task<ContainerStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ContainerEngine.GetAsync(cancellationToken);
        return await engine.GetStatusAsync(Id, cancellationToken);
    }

    /// <summary>Removes the container (forced, with its anonymous volumes). Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_id is not null)
        {
            var engine = await ContainerEngine.GetAsync(CancellationToken.None);
            // Before the live reader stops: afterwards a half-received line would count as seen.
            await CompleteLogsBeforeRemovalAsync(engine);
            await _stopFollowing.CancelAsync();
            await engine.RemoveContainerAsync(_id, CancellationToken.None);
        }
        else
            await _stopFollowing.CancelAsync();

        try
        {
            await _following;
        }
        catch (Exception)
        {
            // The reader ends with the container; how it ended no longer matters.
        }

        _stopFollowing.Dispose();
    }

    // Consumers (e.g. a failing test's output) get every line, also those the live reader had not delivered yet.
    private async Task CompleteLogsBeforeRemovalAsync(ContainerEngine engine)
    {
        if (Configuration.OutputConsumers.IsEmpty || _logs.IsCompleted) return;
        try
        {
            _logs.CompleteFrom(await engine.ReadLogsAsync(_id!, CancellationToken.None));
        }
        catch (Exception)
        {
            // Logs are a courtesy here; removal must still happen.
        }
    }

    public override string ToString() => $"{Name} ({Image})";
}
