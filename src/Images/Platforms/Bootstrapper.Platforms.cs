using Containers;
using Images.Platforms;

namespace Images;

internal sealed partial class Bootstrapper
{
    /// <summary>The bootstrapped runtime-deps name of a platform other than the host's (per suite and architecture).</summary>
    public string RuntimeTagFor(ImagePlatform platform) => Tag("runtime-deps", $"{options.Suite}-{platform.Architecture}");

    /// <summary>
    /// The SDK image plus the cross toolchain for <paramref name="platform"/> (images/sdk-cross-&lt;arch&gt;), on top of
    /// whichever SDK image the run resolved (official or bootstrapped), tagged after it.
    /// </summary>
    public async Task<(string Name, string Id, BaseImageSource Source)> CrossSdkAsync(ResolvedImage sdk, ImagePlatform platform, CancellationToken ct)
    {
        var role = $"sdk-cross-{platform.Architecture}";
        var recipe = Recipe(role);
        var hash = new InputsHash().AddDirectory("recipe", recipe).Add("base", sdk.Id).Value;
        var tag = Tag(role, sdk.Name[(sdk.Name.LastIndexOf(':') + 1)..]);
        if (await CurrentIdAsync(role, tag, hash, ct) is { } id)
            return (tag, id, BaseImageSource.UpToDate);
        var built = await BuildAsync(role, tag, hash, recipe, new Dictionary<string, string> { ["SDK_IMAGE"] = sdk.Name }, ct);
        return (tag, built, BaseImageSource.Bootstrapped);
    }

    /// <summary>
    /// The runtime-deps recipe for another architecture: the same Debian packages in that architecture, unpacked by
    /// the host's Debian image (nothing of them runs, so no emulation), into the platform's empty root image so the
    /// result's config names the platform.
    /// </summary>
    public async Task<(string Name, string Id, BaseImageSource Source)> RuntimeDepsForAsync(ImagePlatform platform, CancellationToken ct)
    {
        var (debianTag, debianHash) = await DebianAsync(ct);
        var recipe = Recipe("runtime-deps");
        var hash = new InputsHash().AddDirectory("recipe", recipe).Add("base", debianHash).Add("platform", platform.ToString()).Value;
        var tag = RuntimeTagFor(platform);
        if (await CurrentIdAsync("runtime-deps", tag, hash, ct) is { } id)
            return (tag, id, BaseImageSource.UpToDate);
        var root = await PlatformRoot.EnsureAsync(docker, platform, ct);
        var built = await BuildAsync("runtime-deps", tag, hash, recipe, new Dictionary<string, string>
        {
            ["BASE_IMAGE"] = debianTag,
            ["DEB_ARCH"] = platform.Architecture,
            ["ROOT_IMAGE"] = root,
        }, ct);
        return (tag, built, BaseImageSource.Bootstrapped);
    }
}
