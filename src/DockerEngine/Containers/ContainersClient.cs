using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for containers: create, start, inspect, logs, wait, stop, kill, remove, list.</summary>
public sealed class ContainersClient
{
    private readonly DockerTransport _transport;

    internal ContainersClient(DockerTransport transport) => _transport = transport;

    /// <summary>Creates the container (not started) and returns its id. Extra networks are connected before returning.</summary>
    public async Task<string> CreateAsync(CreateContainerRequest request, CancellationToken ct = default)
    {
        var query = new QueryString().Add("name", request.Name);
        var created = await _transport.PostJsonAsync<IdResponse>($"/containers/create{query}",
            $"Create container from image '{request.Image}'", ContainerCreateBody.Build(request), ct);
        foreach (var extra in request.Networks?.Skip(1) ?? [])
            await ConnectNetworkAsync(created.Id, extra, ct);
        return created.Id;
    }

    public Task StartAsync(string id, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Post, $"/containers/{DockerTransport.Segment(id)}/start", $"Start container {DockerIds.Short(id)}", null, ct);

    public Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken ct = default) =>
        _transport.GetJsonAsync<ContainerInspectResponse>($"/containers/{DockerTransport.Segment(id)}/json", $"Inspect container {DockerIds.Short(id)}", ct);

    /// <summary>Blocks until the container stops and returns its exit code.</summary>
    public async Task<ContainerWaitResult> WaitAsync(string id, CancellationToken ct = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Post, $"/containers/{DockerTransport.Segment(id)}/wait",
            $"Wait for container {DockerIds.Short(id)}", streamResponse: true, ct: ct);
        var body = DockerJson.Deserialize<WaitBody>(await response.Content.ReadAsStringAsync(ct));
        return new ContainerWaitResult(body.StatusCode, body.Error?.Message is { Length: > 0 } m ? m : null);
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="timeout"/> (null: the container's StopTimeout, default 10 s). Stopping a stopped container is fine.</summary>
    public Task StopAsync(string id, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var query = new QueryString().Add("t", timeout is null ? null : (long)Math.Ceiling(timeout.Value.TotalSeconds));
        return _transport.SendAndDrainAsync(HttpMethod.Post, $"/containers/{DockerTransport.Segment(id)}/stop{query}", $"Stop container {DockerIds.Short(id)}", null, ct);
    }

    public Task KillAsync(string id, string signal = "SIGKILL", CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Post, $"/containers/{DockerTransport.Segment(id)}/kill{new QueryString().Add("signal", signal)}",
            $"Kill container {DockerIds.Short(id)}", null, ct);

    /// <summary>Removes the container; <paramref name="force"/> kills it first, <paramref name="removeVolumes"/> drops its anonymous volumes.</summary>
    public Task RemoveAsync(string id, bool force = true, bool removeVolumes = true, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Delete,
            $"/containers/{DockerTransport.Segment(id)}{new QueryString().Add("force", force).Add("v", removeVolumes)}",
            $"Remove container {DockerIds.Short(id)}", null, ct);

    public Task<IReadOnlyList<ContainerSummary>> ListAsync(ListContainersRequest? request = null, CancellationToken ct = default)
    {
        request ??= new ListContainersRequest();
        var query = new QueryString().Add("all", request.All).AddFilters(Filters.Merge(request.Filters, request.Labels));
        return _transport.GetJsonAsync<IReadOnlyList<ContainerSummary>>($"/containers/json{query}", "List containers", ct);
    }

    /// <summary>Streams output as it arrives, stdout and stderr kept apart. With Follow it ends when the container stops.</summary>
    public async IAsyncEnumerable<LogChunk> StreamLogsAsync(string id, LogsRequest? request = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        request ??= new LogsRequest();
        // The frame format depends on whether the container has a TTY, so ask rather than guess.
        var tty = (await InspectAsync(id, ct)).Config.Tty;
        var query = new QueryString()
            .Add("stdout", request.Stdout).Add("stderr", request.Stderr).Add("follow", request.Follow)
            .Add("timestamps", request.Timestamps).Add("tail", request.Tail?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all")
            .Add("since", request.Since?.ToUnixTimeSeconds());
        using var response = await _transport.SendAsync(HttpMethod.Get, $"/containers/{DockerTransport.Segment(id)}/logs{query}",
            $"Read logs of container {DockerIds.Short(id)}", streamResponse: true, ct: ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var chunk in LogDemultiplexer.ReadAsync(stream, tty, ct))
            yield return chunk;
    }

    /// <summary>All output so far (no follow), one string per stream.</summary>
    public async Task<ContainerLogs> GetLogsAsync(string id, CancellationToken ct = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await foreach (var chunk in StreamLogsAsync(id, new LogsRequest(), ct))
            (chunk.Stream == LogStream.Stderr ? stderr : stdout).Append(chunk.Text);
        return new ContainerLogs(stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// One memory sample, the way <c>docker stats</c> shows it (<c>stream=false&amp;one-shot=true</c>: answers at once
    /// instead of waiting for a second CPU sample).
    /// </summary>
    public async Task<ContainerMemoryStats> GetMemoryStatsAsync(string id, CancellationToken ct = default)
    {
        var query = new QueryString().Add("stream", false).Add("one-shot", true);
        using var response = await _transport.SendAsync(HttpMethod.Get, $"/containers/{DockerTransport.Segment(id)}/stats{query}",
            $"Read stats of container {DockerIds.Short(id)}", ct: ct);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return ContainerMemoryStats.Parse(doc.RootElement);
    }

    /// <summary>Joins a network after creation (a running container gets it at once).</summary>
    public Task ConnectNetworkAsync(string id, NetworkAttachment network, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Post, $"/networks/{DockerTransport.Segment(network.Network)}/connect",
            $"Connect container {DockerIds.Short(id)} to network '{network.Network}'",
            new JsonObject { ["Container"] = id, ["EndpointConfig"] = ContainerCreateBody.EndpointConfig(network.Aliases) }, ct);

    private sealed record WaitBody(long StatusCode, WaitError? Error);

    private sealed record WaitError(string? Message);
}

internal sealed record IdResponse(string Id, IReadOnlyList<string>? Warnings);
