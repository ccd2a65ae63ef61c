namespace DockerEngine;

/// <summary>Options of <c>POST /build</c> (classic builder). Labels/args/tags are passed through unchanged.</summary>
public sealed record BuildImageRequest
{
    /// <summary>"repo:tag" names for the result; each becomes a <c>t=</c> parameter.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string>? BuildArgs { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>Stop at this stage of a multi-stage Dockerfile.</summary>
    public string? Target { get; init; }
    /// <summary>Always try to pull newer base images. Off: air-gapped machines must use local images.</summary>
    public bool Pull { get; init; }
    public bool NoCache { get; init; }
    /// <summary>Remove intermediate containers after a successful build.</summary>
    public bool Remove { get; init; } = true;
    /// <summary>Remove intermediate containers even when the build fails.</summary>
    public bool ForceRemove { get; init; } = true;
    /// <summary>Network for RUN steps: "default", "host", "none" or a network name.</summary>
    public string? NetworkMode { get; init; }
    /// <summary>Overrides the context's Dockerfile path.</summary>
    public string? Dockerfile { get; init; }
}

/// <summary>A finished build: the full image id (sha256:…) and what happened on the way.</summary>
public sealed record BuildResult(string ImageId, IReadOnlyList<string> Tags, int Steps, int CachedSteps, TimeSpan Duration);
