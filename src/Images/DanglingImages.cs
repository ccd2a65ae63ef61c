using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images;

/// <summary>
/// Removes what a rebuild leaves behind: the image a new build replaced under the same tag, and the project's
/// untagged images (the build stage's top image of the previous build: about 1 GB each). The layers the new build
/// still uses are shared with it and stay, so the restore cache stays warm.
/// </summary>
internal static class DanglingImages
{
    public static async Task RemoveAsync(IDockerClient docker, string? replaced, CancellationToken ct)
    {
        var dangling = await docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
            },
        }, ct);
        var ours = dangling.Where(i => i.Labels is { } labels && labels.TryGetValue(ProjectLabels.Name, out var value) && value == ProjectLabels.Value).Select(i => i.ID);
        foreach (var id in (replaced is null ? ours : ours.Append(replaced)).Distinct())
        {
            // In use (a container runs it, another tag points at it, a child image needs it): the engine says no; keep it.
            try { await docker.Images.DeleteImageAsync(id, new ImageDeleteParameters(), ct); }
            catch (DockerApiException) { }
        }
    }
}
