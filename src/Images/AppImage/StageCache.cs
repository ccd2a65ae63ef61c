using Docker.DotNet;
using Docker.DotNet.Models;
using Containers;

namespace Images;

/// <summary>
/// Keeps each (platform, variant)'s layer cache: the last image of every stage the build ran (the build stage's
/// publish step, the final stage's label step) is tagged <c>{Repository}-build-cache:{scope}-stage{n}</c>. A tagged
/// image is not dangling, so the clean-up after another platform's or variant's build (<see cref="DanglingImages"/>)
/// leaves it and its parents alone; the next build of the same scope moves the tags, and the images they pointed at
/// become the dangling ones that clean-up removes.
/// </summary>
internal static class StageCache
{
    /// <summary>The tags' repository, e.g. creditrobot-build-cache (never pushed).</summary>
    public static string Repository(AppImageOptions options) => $"{options.Repository}-build-cache";

    /// <summary>amd64, arm64, amd64-jit …: what one build replaces of an earlier one.</summary>
    public static string Scope(AppImageOptions options) =>
        (options.Platform ?? Platforms.ImagePlatform.Host ?? Platforms.ImagePlatform.LinuxAmd64).Architecture
        + (options.Variant is { } variant ? "-" + variant : "");

    /// <summary>Tags the stages' last images of this build; drops this scope's tags it no longer needs (a stage fewer).</summary>
    public static async Task<IReadOnlyList<string>> KeepAsync(IDockerClient docker, AppImageOptions options, IReadOnlySet<string> stepImages,
        CancellationToken ct)
    {
        var all = await docker.Images.ListImagesAsync(new ImagesListParameters { All = true }, ct);
        var steps = all.Where(i => stepImages.Contains(DockerImages.ShortId(i.ID))).ToList();
        var parents = steps.Select(i => i.ParentID).Where(p => !string.IsNullOrEmpty(p)).ToHashSet(StringComparer.Ordinal);
        // Leaves in build order (an image is created after its parent): one per stage.
        var leaves = steps.Where(i => !parents.Contains(i.ID)).OrderBy(i => i.Created).Select(i => i.ID).ToList();

        var (repository, scope) = (Repository(options), Scope(options));
        var tags = leaves.Select((_, n) => $"{repository}:{scope}-stage{n + 1}").ToList();
        for (var n = 0; n < leaves.Count; n++)
            await docker.TagAsync(leaves[n], tags[n], ct);

        var prefix = $"{repository}:{scope}-stage";
        foreach (var unused in all.SelectMany(i => i.RepoTags ?? []).Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && !tags.Contains(t)))
        {
            try { await docker.Images.DeleteImageAsync(unused, new ImageDeleteParameters(), ct); }
            catch (DockerApiException) { } // in use: the engine keeps it
        }
        return tags;
    }
}
