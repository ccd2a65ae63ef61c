namespace DockerEngine;

/// <summary><c>GET /images/{name}/json</c>, shaped like the engine's JSON.</summary>
public sealed record ImageInspectResponse
{
    /// <summary>sha256:… content id.</summary>
    public string Id { get; init; } = "";
    public IReadOnlyList<string> RepoTags { get; init; } = [];
    public IReadOnlyList<string> RepoDigests { get; init; } = [];
    public string Created { get; init; } = "";
    public string Architecture { get; init; } = "";
    public string Os { get; init; } = "";
    /// <summary>Uncompressed size in bytes (what <c>docker images</c> shows).</summary>
    public long Size { get; init; }
    public ImageConfigInfo Config { get; init; } = new();
    public RootFsInfo RootFS { get; init; } = new();

    /// <summary>Number of filesystem layers.</summary>
    public int LayerCount => RootFS.Layers.Count;
}

public sealed record ImageConfigInfo
{
    public string User { get; init; } = "";
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string>? Cmd { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public string WorkingDir { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, object>? ExposedPorts { get; init; }
    public HealthcheckInfo? Healthcheck { get; init; }
}

public sealed record RootFsInfo
{
    public string Type { get; init; } = "";
    /// <summary>Layer diff ids, base first.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];
}

/// <summary>One row of <c>GET /images/json</c>.</summary>
public sealed record ImageSummary
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string>? RepoTags { get; init; }
    public long Created { get; init; }
    public long Size { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>Which images to list; labels as in <see cref="ListContainersRequest.Labels"/>.</summary>
public sealed record ListImagesRequest
{
    /// <summary>Include intermediate images.</summary>
    public bool All { get; init; }
    /// <summary>Only images matching this reference pattern, e.g. "myapp" or "myapp:1.*".</summary>
    public string? Reference { get; init; }
    public IReadOnlyDictionary<string, string?>? Labels { get; init; }
    /// <summary>Further engine filters, e.g. "dangling" → ["true"].</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Filters { get; init; }
}

/// <summary>What <c>DELETE /images/{name}</c> did.</summary>
public sealed record ImageDeleteResponseItem(string? Untagged, string? Deleted);
