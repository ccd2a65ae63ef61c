using System.Text.Json.Nodes;
using DockerEngine.Internal;

namespace DockerEngine;

/// <summary>Engine API calls for networks: create, inspect, list, connect, remove.</summary>
public sealed class NetworksClient
{
    private readonly DockerTransport _transport;

    internal NetworksClient(DockerTransport transport) => _transport = transport;

    /// <summary>Creates a user-defined network (bridge by default; containers on it reach each other by name/alias). Returns its id.</summary>
    public async Task<string> CreateAsync(CreateNetworkRequest request, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["Name"] = request.Name,
            ["Driver"] = request.Driver,
            ["Internal"] = request.Internal,
            ["CheckDuplicate"] = true,
            ["Labels"] = Labels(request.Labels),
        };
        var created = await _transport.PostJsonAsync<IdResponse>("/networks/create", $"Create network '{request.Name}'", body, ct);
        return created.Id;
    }

    public Task<NetworkResponse> InspectAsync(string idOrName, CancellationToken ct = default) =>
        _transport.GetJsonAsync<NetworkResponse>($"/networks/{DockerTransport.Segment(idOrName)}", $"Inspect network '{idOrName}'", ct);

    public Task<IReadOnlyList<NetworkResponse>> ListAsync(IReadOnlyDictionary<string, string?>? labels = null, CancellationToken ct = default) =>
        _transport.GetJsonAsync<IReadOnlyList<NetworkResponse>>($"/networks{new QueryString().AddFilters(Filters.Merge(null, labels))}", "List networks", ct);

    public Task ConnectAsync(string network, string container, IReadOnlyList<string>? aliases = null, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Post, $"/networks/{DockerTransport.Segment(network)}/connect",
            $"Connect container {DockerIds.Short(container)} to network '{network}'",
            new JsonObject { ["Container"] = container, ["EndpointConfig"] = ContainerCreateBody.EndpointConfig(aliases) }, ct);

    public Task DisconnectAsync(string network, string container, bool force = false, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Post, $"/networks/{DockerTransport.Segment(network)}/disconnect",
            $"Disconnect container {DockerIds.Short(container)} from network '{network}'",
            new JsonObject { ["Container"] = container, ["Force"] = force }, ct);

    /// <summary>Removes the network; fails with <see cref="DockerErrorKind.Conflict"/>-like errors while containers are attached.</summary>
    public Task RemoveAsync(string idOrName, CancellationToken ct = default) =>
        _transport.SendAndDrainAsync(HttpMethod.Delete, $"/networks/{DockerTransport.Segment(idOrName)}", $"Remove network '{idOrName}'", null, ct);

    internal static JsonObject Labels(IReadOnlyDictionary<string, string>? labels)
    {
        var map = new JsonObject();
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
            map[k] = v;
        return map;
    }
}

public sealed record CreateNetworkRequest
{
    public required string Name { get; init; }
    public string Driver { get; init; } = "bridge";
    /// <summary>No route to the outside world.</summary>
    public bool Internal { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

public sealed record NetworkResponse
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Driver { get; init; } = "";
    public bool Internal { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>Attached containers by id (filled by inspect, empty in lists).</summary>
    public IReadOnlyDictionary<string, NetworkContainer>? Containers { get; init; }
}

public sealed record NetworkContainer(string Name, string IPv4Address);
