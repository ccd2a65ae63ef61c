using DockerEngine;

namespace Images;

/// <summary>Everything the app image build needs, handed over by the pipeline (no step reads back another's output).</summary>
public sealed record AppImageOptions
{
    /// <summary>The build context (the repository root); its .dockerignore applies.</summary>
    public required string ContextDirectory { get; init; }
    public string Dockerfile { get; init; } = "Dockerfile";
    /// <summary>Image repository, tagged as <c>{Repository}:{Version}</c> and <c>{Repository}:latest</c>.</summary>
    public required string Repository { get; init; }
    public required string Version { get; init; }
    /// <summary>Base images for the Dockerfile's SDK_IMAGE / RUNTIME_IMAGE args (see <see cref="BaseImageSet"/>).</summary>
    public required string SdkImage { get; init; }
    public required string RuntimeImage { get; init; }

    public string Title { get; init; } = "CreditRobot";
    /// <summary>Git commit id (org.opencontainers.image.revision).</summary>
    public string? Revision { get; init; }
    /// <summary>Repository URL (org.opencontainers.image.source).</summary>
    public string? Source { get; init; }
    /// <summary>
    /// org.opencontainers.image.created. Pass the commit time: the same commit then gives the same image id
    /// (a wall-clock time would make every no-op build a new image). Null: now.
    /// </summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Generated files placed into the context on top of the directory, e.g. the rendered server.conf.</summary>
    public IReadOnlyList<ContextFile> ExtraFiles { get; init; } = [];
    public IReadOnlyDictionary<string, string>? ExtraLabels { get; init; }
    public bool NoCache { get; init; }

    public IReadOnlyList<string> Tags => [$"{Repository}:{Version}", $"{Repository}:latest"];
}

/// <summary>The built image: what the smoke tests run and the summary prints.</summary>
public sealed record AppImageResult(string ImageId, IReadOnlyList<string> Tags, long SizeBytes, int Layers,
    int Steps, int CachedSteps, TimeSpan Duration)
{
    public string ShortId => DockerIds.Short(ImageId);
}
