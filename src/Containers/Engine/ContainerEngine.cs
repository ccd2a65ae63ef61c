using Containers.Builders;
using Containers.Cleanup;
using Containers.Output;
using DockerEngine;
using EngineLogStream = DockerEngine.LogStream;
using LogStream = Containers.Output.LogStream;

namespace Containers.Engine;

/// <summary>
/// The one place where src/Containers talks to the Engine API client. One client per process; the first use
/// pings the engine and sweeps resources of crashed sessions (<see cref="ResourceReaper"/>).
/// </summary>
internal sealed class ContainerEngine
{
    private static readonly Lock Gate = new();
    private static Task<ContainerEngine>? _shared;

    private ContainerEngine(DockerClient client) => Client = client;

    public DockerClient Client { get; }

    /// <summary>What the first sweep of this process removed.</summary>
    public ReapResult? FirstSweep { get; private set; }

    /// <summary>The process's engine; a failed first attempt (engine down) is retried on the next call.</summary>
    public static Task<ContainerEngine> GetAsync(CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (_shared is null || _shared.IsFaulted || _shared.IsCanceled) _shared = CreateAsync();
            return _shared.WaitAsync(cancellationToken);
        }
    }

    private static async Task<ContainerEngine> CreateAsync()
    {
        var client = new DockerClient();
        await client.PingAsync();
        var engine = new ContainerEngine(client);
        engine.FirstSweep = await ResourceReaper.SweepAsync(engine, CancellationToken.None);
        return engine;
    }

    public async Task<string> CreateContainerAsync(
        ContainerConfiguration c, string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        var network = c.Network?.Name ?? c.NetworkName;
        var request = new CreateContainerRequest
        {
            Image = c.Image!,
            Name = name,
            Cmd = c.Command,
            Entrypoint = c.Entrypoint,
            Env = c.Environment,
            Labels = labels,
            User = c.User,
            ExposedPorts = c.ExposedPorts.Select(p => $"{p}/tcp").ToList(),
            PortBindings = c.PortBindings
                .Select(p => new DockerEngine.PortBinding(p.ContainerPort, p.HostPort == 0 ? null : p.HostPort, Builders.PortBinding.HostIp))
                .ToList(),
            Networks = network is null ? null : [new NetworkAttachment(network, c.NetworkAliases.IsEmpty ? null : c.NetworkAliases)],
            NanoCpus = c.Cpus is { } cpus ? (long)(cpus * 1_000_000_000) : null,
            Memory = c.MemoryBytes,
            ReadonlyRootfs = c.ReadOnlyRootFilesystem,
            Tmpfs = c.Tmpfs.IsEmpty ? null : c.Tmpfs,
            CapDrop = c.CapDrop.IsEmpty ? null : c.CapDrop,
            CapAdd = c.CapAdd.IsEmpty ? null : c.CapAdd,
            StopTimeout = (int)Math.Ceiling(c.StopTimeout.TotalSeconds),
            Healthcheck = c.HealthCheck is { } h
                ? new HealthcheckConfig { Test = h.Test, Interval = h.Interval, Timeout = h.Timeout, Retries = h.Retries, StartPeriod = h.StartPeriod }
                : null,
        };
        return await Client.Containers.CreateAsync(request, ct);
    }

    public Task StartContainerAsync(string id, CancellationToken ct) => Client.Containers.StartAsync(id, ct);

    public Task StopContainerAsync(string id, TimeSpan timeout, CancellationToken ct) =>
        Client.Containers.StopAsync(id, timeout, ct);

    /// <summary>Forced removal with anonymous volumes; a container that is gone already is fine.</summary>
    public async Task RemoveContainerAsync(string id, CancellationToken ct)
    {
        try
        {
            await Client.Containers.RemoveAsync(id, force: true, removeVolumes: true, ct);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
        }
    }

    public async Task<IReadOnlyDictionary<int, ushort>> GetMappedPortsAsync(string id, CancellationToken ct)
    {
        var inspect = await Client.Containers.InspectAsync(id, ct);
        var ports = new Dictionary<int, ushort>();
        foreach (var (key, bindings) in inspect.NetworkSettings.Ports ?? new Dictionary<string, IReadOnlyList<HostBinding>?>())
        {
            var binding = bindings?.FirstOrDefault(b => b.HostIp == Builders.PortBinding.HostIp) ?? bindings?.FirstOrDefault();
            if (binding is null || !key.EndsWith("/tcp", StringComparison.Ordinal)) continue;
            ports[int.Parse(key[..key.IndexOf('/')], System.Globalization.CultureInfo.InvariantCulture)] =
                ushort.Parse(binding.HostPort, System.Globalization.CultureInfo.InvariantCulture);
        }

        return ports;
    }

    public async Task<ContainerStatus> GetStatusAsync(string id, CancellationToken ct)
    {
        var state = (await Client.Containers.InspectAsync(id, ct)).State;
        return new ContainerStatus(
            state.Status, state.Running || state.Restarting || state.Status == "created", state.ExitCode,
            state.Health?.Status, state.Health?.Log.LastOrDefault()?.Output, state.Pid, state.OOMKilled,
            string.IsNullOrEmpty(state.Error) ? null : state.Error);
    }

    public async Task<long> WaitContainerAsync(string id, CancellationToken ct) =>
        (await Client.Containers.WaitAsync(id, ct)).StatusCode;

    /// <summary>Reads the output live into <paramref name="collector"/> until the container stops or <paramref name="ct"/> fires.</summary>
    public async Task FollowLogsAsync(string id, LogCollector collector, CancellationToken ct)
    {
        try
        {
            await foreach (var chunk in Client.Containers.StreamLogsAsync(id, new LogsRequest { Follow = true }, ct))
                collector.Write(chunk.Stream == EngineLogStream.Stderr ? LogStream.Stderr : LogStream.Stdout, chunk.Text);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
        }
        finally
        {
            collector.Complete();
        }
    }

    public async Task<Output.ContainerLogs> ReadLogsAsync(string id, CancellationToken ct)
    {
        var collector = new LogCollector(id, []);
        await foreach (var chunk in Client.Containers.StreamLogsAsync(id, new LogsRequest { Follow = false }, ct))
            collector.Write(chunk.Stream == EngineLogStream.Stderr ? LogStream.Stderr : LogStream.Stdout, chunk.Text);
        collector.Complete();
        return collector.Snapshot();
    }

    public async Task<IReadOnlyList<LabeledResource>> ListContainersAsync(string label, CancellationToken ct) =>
        (await Client.Containers.ListAsync(new ListContainersRequest { All = true, Labels = new Dictionary<string, string?> { [label] = null } }, ct))
        .Select(c => new LabeledResource(c.Id, c.Labels ?? new Dictionary<string, string>()))
        .ToList();

    public async Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
        await Client.Networks.CreateAsync(new CreateNetworkRequest { Name = name, Labels = labels }, ct);

    public async Task RemoveNetworkAsync(string id, CancellationToken ct)
    {
        try
        {
            await Client.Networks.RemoveAsync(id, ct);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
        }
    }

    public async Task<IReadOnlyList<LabeledResource>> ListNetworksAsync(string label, CancellationToken ct) =>
        (await Client.Networks.ListAsync(new Dictionary<string, string?> { [label] = null }, ct))
        .Select(n => new LabeledResource(n.Id, n.Labels ?? new Dictionary<string, string>()))
        .ToList();

    public async Task<IReadOnlyList<LabeledResource>> ListVolumesAsync(string label, CancellationToken ct) =>
        (await Client.Volumes.ListAsync(new Dictionary<string, string?> { [label] = null }, ct))
        .Select(v => new LabeledResource(v.Name, v.Labels ?? new Dictionary<string, string>()))
        .ToList();

    public async Task RemoveVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            await Client.Volumes.RemoveAsync(name, force: true, ct);
        }
        catch (DockerEngineException e) when (e.Kind == DockerErrorKind.NotFound)
        {
        }
    }
}

/// <summary>A container, network or volume with its labels (volumes are identified by name).</summary>
internal sealed record LabeledResource(string Id, IReadOnlyDictionary<string, string> Labels);
