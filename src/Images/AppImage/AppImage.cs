using Images.Platforms;
using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Images.Assembly;
using Images.Build;

namespace Images;

/// <summary>Builds the repository's Dockerfile through the Engine API with build args, OCI labels and tags.</summary>
public static class AppImage
{
    public static async Task<AppImageResult> BuildAsync(IDockerClient docker, AppImageOptions options, IProgress<BuildProgress>? progress,
        CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var context = BuildContext.FromDirectory(options.ContextDirectory, options.Dockerfile);
        var buildArgs = BuildArgs(options);
        var labels = Labels(options, Inputs(context, buildArgs));
        var stamp = await UpToDateImage.StampAsync(docker, options, labels, ct);
        if (!options.NoCache && await UpToDateImage.FindAsync(docker, stamp, ct) is { } unchanged)
        {
            foreach (var tag in options.Tags)
                await docker.TagAsync(unchanged.ID, tag, ct);
            progress?.Report(new BuildProgress(BuildProgressKind.Note,
                $"Up to date: {DockerImages.ShortId(unchanged.ID)} was built from these inputs and base images ({clock.ElapsedMilliseconds} ms)"));
            return new AppImageResult(unchanged, options.Tags, 0, 0, clock.Elapsed) { UpToDate = true };
        }
        // What this build replaces: the previous image under our version tag and the project's dangling images.
        var previous = (await docker.TryInspectImageAsync(options.Tags[0], ct))?.ID;
        var started = DateTime.UtcNow;
        progress?.Report(new BuildProgress(BuildProgressKind.Started, $"Building {options.Tags[0]}"));
        // The engine builds the Dockerfile as written (untagged); the assembler makes the tagged, reproducible image of it.
        var result = await ImageBuild.RunAsync(docker, context, new ImageBuildParameters
        {
            BuildArgs = buildArgs,
            Labels = labels.ToDictionary(),
            NoCache = options.NoCache,
        }, progress, ct);
        // The config's os/architecture come from the platform built for, never from the engine (20.10 says amd64 for all).
        var platform = options.Platform ?? ImagePlatform.Host ?? ImagePlatform.LinuxAmd64;
        var assembled = await ImageAssembler.AssembleAsync(docker, new AssemblyRequest
        {
            BuiltImage = result.ImageId,
            BaseImage = options.RuntimeImage,
            Platform = platform,
            SourceDate = options.Created ?? started,
            Tags = options.Tags,
            CacheDirectory = options.AssemblyCacheDirectory,
        }, ct);
        progress?.Report(new BuildProgress(BuildProgressKind.Note, $"Assembled {DockerImages.ShortId(assembled.ImageId)} ({platform}, one normalised layer " +
            $"{DockerImages.ShortId(assembled.LayerDiffId)}, {(assembled.FromCache ? "remembered" : $"{assembled.Duration.TotalSeconds:0.0} s")})"));
        var image = await docker.Images.InspectImageAsync(assembled.ImageId, ct);
        await StageCache.KeepAsync(docker, options, result.StepImages, ct);
        await DanglingImages.RemoveAsync(docker, previous == image.ID ? null : previous, result.StepImages, started, ct);
        await UpToDateImage.RememberAsync(stamp, image.ID, ct);
        return new AppImageResult(image, options.Tags, result.Steps, result.CachedSteps, result.Duration);
    }

    private static Dictionary<string, string> BuildArgs(AppImageOptions options)
    {
        var args = new Dictionary<string, string> { ["SDK_IMAGE"] = options.SdkImage, ["RUNTIME_IMAGE"] = options.RuntimeImage };
        if (options.Variant is { } variant)
            args["VARIANT"] = variant;
        // Always, also for the host: an image must not depend on whether its caller named the host's platform or left it
        // out (the build args are part of the inputs label; Verify rebuilds with the platform named).
        args["TARGETARCH"] = (options.Platform ?? ImagePlatform.Host ?? ImagePlatform.LinuxAmd64).Architecture;
        return args;
    }

    /// <summary>
    /// The <see cref="InputsHash.Label"/> an image built with <paramref name="options"/> now would carry: the build
    /// context as it is sent (after .dockerignore) and the build args: one walk and read of the context.
    /// </summary>
    public static string Inputs(AppImageOptions options) =>
        Inputs(BuildContext.FromDirectory(options.ContextDirectory, options.Dockerfile), BuildArgs(options));

    private static string Inputs(BuildContext context, IReadOnlyDictionary<string, string> buildArgs)
    {
        var hash = context.AddTo(new InputsHash());
        foreach (var (name, value) in buildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
            hash.Add("build-arg " + name, value);
        return hash.Value;
    }

    /// <summary>
    /// Why <paramref name="image"/> (found under the version tag, not built now) is not what <paramref name="options"/>
    /// would build from this checkout: another commit, or this commit with other inputs; null when it is.
    /// </summary>
    public static string? Mismatch(ImageInspectResponse image, AppImageOptions options)
    {
        var labels = image.Config?.Labels ?? new Dictionary<string, string>();
        var revision = labels.TryGetValue("org.opencontainers.image.revision", out var r) ? r : null;
        if (options.Revision is { } expected && revision != expected)
            return revision is null ? "it records no commit (org.opencontainers.image.revision)"
                : $"it was built from another commit, {revision[..Math.Min(12, revision.Length)]} (this checkout is {expected[..Math.Min(12, expected.Length)]})";
        var inputs = labels.TryGetValue(InputsHash.Label, out var i) ? i : null;
        if (inputs is null)
            return $"it records no inputs ({InputsHash.Label}): it was built before images recorded them";
        return inputs == Inputs(options) ? null
            : "it was built from this commit with other inputs (uncommitted changes in the build context, or other base images or build args)";
    }

    /// <summary>
    /// The app's own labels: OCI annotations, the project label and the build's inputs (what --skip Image compares).
    /// They are set for every key the final stage's base would otherwise pass on (title, description, the base's own
    /// inputs hash …), and a bootstrapped runtime base carries no other labels.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Labels(AppImageOptions options, string inputs)
    {
        var labels = new Dictionary<string, string>
        {
            [ProjectLabels.Name] = ProjectLabels.Value,
            [InputsHash.Label] = inputs,
            ["org.opencontainers.image.title"] = options.Title,
            ["org.opencontainers.image.description"] = options.Description,
            ["org.opencontainers.image.version"] = options.Version,
            ["org.opencontainers.image.created"] = (options.Created ?? DateTimeOffset.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        if (options.Revision is { Length: > 0 } revision)
            labels["org.opencontainers.image.revision"] = revision;
        if (options.Source is { Length: > 0 } source)
            labels["org.opencontainers.image.source"] = source;
        return labels;
    }
}
