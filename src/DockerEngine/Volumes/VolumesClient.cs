using System.Text.Json.Nodes;
using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for named volumes: create, inspect, list, remove.</summary>
public sealed class VolumesClient
{
    private readonly DockerTransport _transport;

    internal VolumesClient(DockerTransport transport) => _transport = transport;

    public Task<VolumeResponse> CreateAsync(CreateVolumeRequest request, CancellationToken ct = default) =>
        _transport.PostJsonAsync<VolumeResponse>("/volumes/create", $"Create volume '{request.Name}'",
            new JsonObject { ["Name"] = request.Name, ["Driver"] = request.Driver, ["Labels"] = NetworksClient.Labels(request.Labels) }, ct);

    public Task<VolumeResponse> InspectAsync(string name, CancellationToken ct = default) =>
        _transport.GetJsonAsync<VolumeResponse>($"/volumes/{DockerTransport.Segment(name)}", $"Inspect volume '{name}'", ct);

    public async Task<IReadOnlyList<VolumeResponse>> ListAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default)
    {
        var list = await _transport.GetJsonAsync<VolumeList>($"/volumes{new QueryString().AddFilters(Filters.Merge(null, labels))}", "List volumes", ct);
        return list.Volumes ?? [];
    }

    /// <summary>Removes the volume; <paramref name="force"/> also when the engine thinks it is in use by a removed container.</summary>
    public Task RemoveAsync(string name, bool force = false, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Delete, $"/volumes/{DockerTransport.Segment(name)}{new QueryString().Add("force", force)}",
            $"Remove volume '{name}'", null, ct);

    private sealed record VolumeList(IReadOnlyList<VolumeResponse>? Volumes);
}

public sealed record CreateVolumeRequest
{
    /// <summary>Empty: the engine generates a name.</summary>
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "local";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

public sealed record VolumeResponse
{
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "";
    public string Mountpoint { get; init; } = "";
    public string CreatedAt { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
