using Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images;

/// <summary>
/// The no-op build: when this checkout's image was built before from the same inputs (build context, build args, labels)
/// on the same base images (by id), by the same code, it is tagged again instead of built, as ko and Jib skip an
/// unchanged image. The engine's all-cached build would give the same image in a second or more, not milliseconds.
/// Remembered beside the assembly cache; --no-cache never uses it, but what it builds is remembered like any build.
/// </summary>
internal static class UpToDateImage
{
    /// <summary>The file that remembers the image of these inputs; null when nothing may be remembered.</summary>
    public static async Task<string?> StampAsync(IDockerClient docker, AppImageOptions options, IReadOnlyDictionary<string, string> labels,
        CancellationToken ct)
    {
        if (options.AssemblyCacheDirectory is null)
            return null;
        var hash = new InputsHash().Add("code", typeof(UpToDateImage).Assembly.ManifestModule.ModuleVersionId.ToString())
            .Add("platform", options.Platform?.ToString() ?? "host").Add("tags", string.Join(' ', options.Tags));
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            hash.Add("label " + name, value);
        foreach (var baseImage in new[] { options.SdkImage, options.RuntimeImage })
            hash.Add("base " + baseImage, (await docker.TryInspectImageAsync(baseImage, ct))?.ID ?? "missing");
        return Path.Combine(options.AssemblyCacheDirectory, hash.Value[..32] + ".image");
    }

    /// <summary>The image remembered for <paramref name="stamp"/>, when the engine still has it.</summary>
    public static async Task<ImageInspectResponse?> FindAsync(IDockerClient docker, string? stamp, CancellationToken ct) =>
        stamp is not null && File.Exists(stamp) ? await docker.TryInspectImageAsync((await File.ReadAllTextAsync(stamp, ct)).Trim(), ct) : null;

    public static async Task RememberAsync(string? stamp, string imageId, CancellationToken ct)
    {
        if (stamp is null)
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(stamp)!);
        await File.WriteAllTextAsync(stamp, imageId, ct);
    }
}
