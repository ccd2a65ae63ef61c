using Containers;
using Docker.DotNet;

namespace Images.Platforms;

/// <summary>
/// Another platform's variant of a multi-platform image (the official runtime-deps for arm64), pulled without losing the
/// host's: the engine keeps one image per tag, so a pull for another platform re-points the tag. The pulled image is
/// kept as "&lt;image&gt;-&lt;arch&gt;" and the tag goes back to the image it named before.
/// </summary>
public static class PlatformPull
{
    public static string LocalName(string image, ImagePlatform platform) => $"{image}-{platform.Architecture}";

    /// <summary>The image id of <paramref name="image"/> for <paramref name="platform"/>, kept or pulled now; else why not.</summary>
    public static async Task<(string? Id, string? Failure)> TryAsync(IDockerClient docker, string image, ImagePlatform platform, TimeSpan quiet,
        CancellationToken ct = default)
    {
        if (image.Contains('@'))
            return (null, "pinned by digest, which names one platform's image");
        var local = LocalName(image, platform);
        if (await docker.TryInspectImageAsync(local, ct) is { } kept && kept.Architecture == platform.Architecture)
            return (kept.ID, null);

        var hostImage = (await docker.TryInspectImageAsync(image, ct))?.ID;
        var failure = await docker.TryPullAsync(image, quiet, ct, platform.ToString());
        if (failure is not null)
            return (null, $"pull for {platform} failed ({failure})");
        try
        {
            var pulled = await docker.Images.InspectImageAsync(image, ct);
            if (pulled.Architecture != platform.Architecture)
                return (null, $"the registry served {pulled.Os}/{pulled.Architecture} for {platform}");
            await docker.TagAsync(pulled.ID, local, ct);
            return (pulled.ID, null);
        }
        finally
        {
            // Also on a failure or Ctrl+C: the host's builds keep the image they asked for.
            if (hostImage is not null)
                await docker.TagAsync(hostImage, image, CancellationToken.None);
            else
                await UntagAsync(docker, image);
        }
    }

    private static async Task UntagAsync(IDockerClient docker, string image)
    {
        try { await docker.Images.DeleteImageAsync(image, new Docker.DotNet.Models.ImageDeleteParameters(), CancellationToken.None); }
        catch (DockerApiException) { } // already gone, or kept by a container: nothing of the host's depends on it
    }
}
