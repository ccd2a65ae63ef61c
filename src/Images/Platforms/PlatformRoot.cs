using Containers;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Images.Platforms;

/// <summary>
/// An empty image (no layers) whose config names a platform: what a Dockerfile's last stage starts FROM to make an
/// image of that platform on an engine that cannot build one. The classic builder gives a stage its base image's
/// architecture, and <c>FROM scratch</c> means the host's; engine 20.10's <c>docker import</c> ignores --platform. So
/// this image is written as a docker-archive (manifest.json + config) and loaded (POST /images/load). The config
/// is fixed bytes, so the image id is the same on every machine.
/// </summary>
public static class PlatformRoot
{
    /// <summary>The tag of <paramref name="platform"/>'s empty image, e.g. <c>creditrobot/platform-root:linux-arm64</c>.</summary>
    public static string Tag(ImagePlatform platform) => $"creditrobot/platform-root:{platform.Os}-{platform.Architecture}";

    /// <summary>The config: platform, project label, no layers. Nothing time- or machine-dependent.</summary>
    internal static byte[] Config(ImagePlatform platform) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        architecture = platform.Architecture,
        os = platform.Os,
        config = new { Labels = new Dictionary<string, string> { [ProjectLabels.Name] = ProjectLabels.Value } },
        rootfs = new { type = "layers", diff_ids = Array.Empty<string>() },
    }));

    /// <summary>The image's name (its tag), loaded unless an image with the same config is already there.</summary>
    public static async Task<string> EnsureAsync(IDockerClient docker, ImagePlatform platform, CancellationToken ct = default)
    {
        var config = Config(platform);
        var id = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(config));
        var tag = Tag(platform);
        if ((await docker.TryInspectImageAsync(tag, ct))?.ID == id)
            return tag;

        using var archive = new MemoryStream();
        await using (var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            await WriteAsync(tar, $"{id[7..]}.json", config, ct);
            await WriteAsync(tar, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(new[]
            {
                new Dictionary<string, object> { ["Config"] = $"{id[7..]}.json", ["RepoTags"] = new[] { tag }, ["Layers"] = Array.Empty<string>() },
            }), ct);
        }
        archive.Position = 0;
        await docker.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, new Progress<JSONMessage>(), ct);
        var loaded = await docker.TryInspectImageAsync(tag, ct);
        if (loaded?.ID != id || loaded.Architecture != platform.Architecture)
            throw new ImagesException($"Loading the empty {platform} image gave {loaded?.ID ?? "no image"} " +
                                      $"({loaded?.Architecture ?? "-"}) instead of {id} ({platform.Architecture}).");
        return tag;
    }

    private static async Task WriteAsync(TarWriter tar, string name, byte[] content, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = DateTimeOffset.UnixEpoch,
        };
        await tar.WriteEntryAsync(entry, ct);
    }
}
