using Containers;
using Docker.DotNet.Models;

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
    public string Description { get; init; } = "CreditRobot: ASP.NET Core credit service (distroless, non-root)";
    /// <summary>Git commit id (org.opencontainers.image.revision).</summary>
    public string? Revision { get; init; }
    /// <summary>Repository URL (org.opencontainers.image.source); null: the label is left out.</summary>
    public string? Source { get; init; }
    /// <summary>
    /// org.opencontainers.image.created and the source date of the assembled image (every added file's time, the
    /// config's created). Pass the commit time (SOURCE_DATE_EPOCH): the same commit then gives the same image id. Null: now.
    /// </summary>
    public DateTimeOffset? Created { get; init; }

    public bool NoCache { get; init; }

    /// <summary>Where assemblies are remembered (e.g. .nuke/temp/assembly), so a no-op build loads nothing; null: always assemble.</summary>
    public string? AssemblyCacheDirectory { get; init; }

    /// <summary>
    /// The Dockerfile's VARIANT build arg (e.g. <c>jit</c>, which only the benchmark builds to compare). Null: the
    /// Dockerfile's default, the production image. A variant is tagged <c>{Repository}:{Version}-{Variant}</c> only, never latest.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>
    /// The platform to build for (the Dockerfile's TARGETARCH; the runtime image must be that platform's). Null: the
    /// host's, tagged as before; another platform is tagged <c>{Repository}:{Version}-{architecture}</c> only.
    /// </summary>
    public Platforms.ImagePlatform? Platform { get; init; }

    public IReadOnlyList<string> Tags => (Variant, Platform) switch
    {
        ({ } variant, _) => [$"{Repository}:{Version}-{variant}"],
        (null, { IsHost: false } platform) => [$"{Repository}:{Version}-{platform.Architecture}"],
        _ => [$"{Repository}:{Version}", $"{Repository}:latest"],
    };
}

/// <summary>The built image with the engine's inspect result: what the smoke tests run, Publish pushes and the summary prints.</summary>
public sealed record AppImageResult(ImageInspectResponse Image, IReadOnlyList<string> Tags, int Steps, int CachedSteps, TimeSpan Duration)
{
    /// <summary>Not built: the image these inputs and base images gave before, tagged again (no Dockerfile step ran).</summary>
    public bool UpToDate { get; init; }

    public string ImageId => Image.ID;
    public string ShortId => DockerImages.ShortId(Image.ID);
    public long SizeBytes => Image.Size;
    public int Layers => Image.RootFS?.Layers?.Count ?? 0;

    /// <summary>The app image found by its tag instead of built (the Image target skipped); null when there is none.</summary>
    public static async Task<AppImageResult?> FindAsync(Docker.DotNet.IDockerClient docker, string tag, CancellationToken ct = default) =>
        await docker.TryInspectImageAsync(tag, ct) is { } image ? new AppImageResult(image, [tag], 0, 0, TimeSpan.Zero) : null;
}
