using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images;

/// <summary>
/// Removes what a rebuild leaves behind: the app image the new build replaced under its tag, and the project's
/// untagged images from earlier builds, such as the previous build stage's top image (about 1 GB each). Removing one
/// also removes its untagged parents up to the first one the new build still uses, so the new build's own steps
/// (the warm restore layer among them) stay cached.
/// </summary>
internal static class DanglingImages
{
    public static async Task RemoveAsync(IDockerClient docker, string? replaced, IReadOnlySet<string> keep, DateTime buildStarted,
        CancellationToken ct)
    {
        var dangling = await docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                ["label"] = new Dictionary<string, bool> { [$"{ProjectLabels.Name}={ProjectLabels.Value}"] = true },
            },
        }, ct);
        // Only images older than this build and not one of its steps: never the cache it just used, nor a
        // concurrent build's fresh stage.
        var stale = dangling.Where(i => i.Created.ToUniversalTime() < buildStarted && !keep.Contains(DockerImages.ShortId(i.ID)))
            .Select(i => i.ID);
        foreach (var id in (replaced is null ? stale : stale.Append(replaced)).Distinct())
        {
            // In use (a container runs it, another tag points at it, a child image needs it): the engine says no; keep it.
            try { await docker.Images.DeleteImageAsync(id, new ImageDeleteParameters(), ct); }
            catch (DockerApiException) { }
        }
    }
}
