using Containers;
using Docker.DotNet;
using DotNet.Testcontainers.Builders;

namespace Benchmark.Peer;

/// <summary>
/// The seed deployment's image, built from bench/peer with Testcontainers' image builder on the bootstrapped Debian
/// base (BASE_IMAGE), tagged <see cref="Tag"/> and labelled like every project resource.
/// </summary>
public static class PeerImage
{
    public const string Tag = "creditrobot-bench/peer:latest";

    /// <summary>Builds (cached steps make a rebuild take seconds) and returns the tag; the results record the image id too.</summary>
    public static async Task<string> BuildAsync(IDockerClient docker, string contextDirectory, string baseImage, TextWriter log,
        CancellationToken ct)
    {
        try
        {
            await docker.Images.InspectImageAsync(baseImage, ct);
        }
        catch (DockerImageNotFoundException e)
        {
            throw new BenchmarkException(
                $"The peer's base image '{baseImage}' is not present. Run './build.sh BaseImages' first (it bootstraps the Debian base image).", e);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var image = new ImageFromDockerfileBuilder()
            .WithName(Tag)
            .WithDockerfileDirectory(contextDirectory)
            .WithBuildArgument("BASE_IMAGE", baseImage)
            .WithLabel(ProjectLabels.Name, ProjectLabels.Value)
            .WithLabel("com.creditrobot.benchmark", "peer")
            .WithCleanUp(false) // kept: the results name it, and the next run's build is cached
            .Build();
        await image.CreateAsync(ct);
        log.WriteLine($"  peer image {Tag} built in {clock.Elapsed.TotalSeconds:0.0} s");
        return Tag;
    }
}
