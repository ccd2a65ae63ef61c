using DockerEngine;

namespace Benchmark.Peer;

/// <summary>
/// The seed deployment's image, built from bench/peer through our own Engine client on the bootstrapped Debian base
/// (BASE_IMAGE), tagged <see cref="Tag"/> and labelled like every project resource.
/// </summary>
public static class PeerImage
{
    public const string Tag = "creditrobot-bench/peer:latest";

    /// <summary>Builds (cached steps make a rebuild take seconds) and returns the tag; the results record the image id too.</summary>
    public static async Task<string> BuildAsync(DockerClient docker, string contextDirectory, string baseImage, TextWriter log,
        CancellationToken ct)
    {
        if (!await docker.Images.ExistsAsync(baseImage, ct))
            throw new BenchmarkException(
                $"The peer's base image '{baseImage}' is not present. Run './build.sh BaseImages' first (it bootstraps the Debian base image).");
        var result = await docker.Images.BuildAsync(BuildContext.FromDirectory(contextDirectory),
            new BuildImageRequest
            {
                Tags = [Tag],
                BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage },
                Labels = new Dictionary<string, string> { ["com.creditrobot.project"] = "creditrobot", ["com.creditrobot.benchmark"] = "peer" },
            },
            new InlineProgress<BuildProgress>(p =>
            {
                if (p.Kind == BuildProgressKind.Step)
                    log.WriteLine($"    {p.Text}");
            }), ct);
        log.WriteLine($"  peer image {Tag}: {result.ImageId} ({result.CachedSteps}/{result.Steps} steps cached, {result.Duration.TotalSeconds:0.0} s)");
        return Tag;
    }
}
