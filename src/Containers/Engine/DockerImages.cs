using Docker.DotNet;
using Docker.DotNet.Models;

namespace Containers;

/// <summary>Small helpers every image-handling caller needs.</summary>
public static class DockerImages
{
    /// <summary>An image or container id as the docker CLI prints it (12 hex digits); a name stays as it is.</summary>
    public static string ShortId(string id)
    {
        var hex = id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return hex.Length == 64 ? hex[..12] : id;
    }

    /// <summary>Inspects an image; null when the engine has no image of that name or id.</summary>
    public static async Task<ImageInspectResponse?> TryInspectImageAsync(this IDockerClient docker, string image, CancellationToken ct = default)
    {
        try { return await docker.Images.InspectImageAsync(image, ct); }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>Points <paramref name="reference"/> (repository[:tag], latest when none) at <paramref name="imageId"/>.</summary>
    public static Task TagAsync(this IDockerClient docker, string imageId, string reference, CancellationToken ct = default)
    {
        var colon = reference.LastIndexOf(':');
        return docker.Images.TagImageAsync(imageId, colon > reference.LastIndexOf('/')
            ? new ImageTagParameters { RepositoryName = reference[..colon], Tag = reference[(colon + 1)..] }
            : new ImageTagParameters { RepositoryName = reference, Tag = "latest" }, ct);
    }
}
