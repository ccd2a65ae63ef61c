using Benchmark.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Benchmark.Results;

/// <summary>Uncompressed size (image inspect's Size, what <c>docker images</c> shows) and layer count.</summary>
public sealed record ImageFacts(string Name, string Reference, string Id, long SizeBytes, int Layers, IReadOnlyList<string> Tags)
{
    /// <summary>How a reader recognises the image: the reference if it is a tag, else its first tag, else the short id.</summary>
    public string Display => !Reference.StartsWith("sha256:", StringComparison.Ordinal) ? Reference
        : Tags.FirstOrDefault(t => t.EndsWith(":latest", StringComparison.Ordinal)) is { } latest ? Tags.FirstOrDefault(t => t != latest) ?? latest
        : Tags.FirstOrDefault() ?? ShortId;

    public string ShortId => ServiceContainer.Short(Id);

    /// <summary>Decimal megabytes, as docker prints them and as the 20 MB goal is stated.</summary>
    public double SizeMB => SizeBytes / 1_000_000.0;

    public static async Task<ImageFacts> ReadAsync(IDockerClient docker, string name, string reference, CancellationToken ct)
    {
        ImageInspectResponse image;
        try
        {
            image = await docker.Images.InspectImageAsync(reference, ct);
        }
        catch (DockerImageNotFoundException e)
        {
            throw new BenchmarkException($"The {name} image '{reference}' does not exist. " +
                (name == "peer" ? "Build it from bench/peer (see BenchmarkOptions.PeerBaseImage)."
                    : "Run './build.sh Image' first and pass the id it prints (the jit variant: './build.sh Benchmark' builds it)."), e);
        }

        return new ImageFacts(name, reference, image.ID!, image.Size, image.RootFS?.Layers?.Count ?? 0, [.. image.RepoTags ?? []]);
    }
}
