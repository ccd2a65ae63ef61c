namespace DockerEngine;

/// <summary>One row of <c>GET /containers/json</c>.</summary>
public sealed record ContainerSummary
{
    public string Id { get; init; } = "";
    public IReadOnlyList<string> Names { get; init; } = [];
    public string Image { get; init; } = "";
    public string ImageID { get; init; } = "";
    public string Command { get; init; } = "";
    public long Created { get; init; }
    /// <summary>created, running, exited, …</summary>
    public string State { get; init; } = "";
    /// <summary>Human text such as "Up 3 seconds".</summary>
    public string Status { get; init; } = "";
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>Which containers to list; every label given must match ("key" alone matches any value).</summary>
public sealed record ListContainersRequest
{
    /// <summary>Include stopped containers (the CLI's -a).</summary>
    public bool All { get; init; } = true;
    public IReadOnlyDictionary<string, string?>? Labels { get; init; }
    /// <summary>Further engine filters, e.g. "status" → ["exited"], "name" → ["web"].</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Filters { get; init; }
}

/// <summary>The exit status from <c>POST /containers/{id}/wait</c>.</summary>
public sealed record ContainerWaitResult(long StatusCode, string? Error);
