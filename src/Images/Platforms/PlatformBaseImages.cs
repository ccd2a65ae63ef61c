using Containers;
using System.Diagnostics;
using Docker.DotNet;
using Images.Build;

namespace Images.Platforms;

/// <summary>
/// The runtime base of a platform other than the host's: the requested (official) image's variant for that platform when
/// the registry serves it, else bootstrapped from Debian's packages of that architecture (the images/runtime-deps recipe
/// with DEB_ARCH and ROOT_IMAGE), up to date when its inputs are unchanged. The SDK is the host's plus a cross toolchain
/// layer: the Dockerfile cross-compiles.
/// </summary>
public static class PlatformBaseImages
{
    public static async Task<ResolvedImage> RuntimeAsync(IDockerClient docker, BaseImageOptions options, ImagePlatform platform,
        IProgress<BuildProgress>? progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var (pulled, failure) = await PlatformPull.TryAsync(docker, options.RuntimeImage, platform, options.PullTimeout, ct);
        var (name, id, source) = pulled is not null
            ? (PlatformPull.LocalName(options.RuntimeImage, platform), pulled, BaseImageSource.Pulled)
            : await new Bootstrapper(docker, options, progress).RuntimeDepsForAsync(platform, ct);
        Report(progress, "runtime-deps", name, platform, source, clock, failure is null ? "" : $"; instead of {options.RuntimeImage}: {failure}");
        return new ResolvedImage($"runtime-deps {platform}", options.RuntimeImage, name, id, source, clock.Elapsed);
    }

    /// <summary>The SDK image that cross-compiles for <paramref name="platform"/>: <paramref name="sdk"/> plus its cross toolchain.</summary>
    public static async Task<ResolvedImage> CrossSdkAsync(IDockerClient docker, BaseImageOptions options, ResolvedImage sdk,
        ImagePlatform platform, IProgress<BuildProgress>? progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var (name, id, source) = await new Bootstrapper(docker, options, progress).CrossSdkAsync(sdk, platform, ct);
        Report(progress, "sdk-cross", name, platform, source, clock, "");
        return new ResolvedImage($"sdk {platform}", sdk.Name, name, id, source, clock.Elapsed);
    }

    private static void Report(IProgress<BuildProgress>? progress, string role, string name, ImagePlatform platform, BaseImageSource source,
        Stopwatch clock, string instead)
    {
        var how = source switch
        {
            BaseImageSource.Pulled => "pulled",
            BaseImageSource.UpToDate => "bootstrapped earlier, up to date",
            _ => "bootstrapped now",
        };
        progress?.Report(new BuildProgress(BuildProgressKind.Note, $"{role,-13} {name} ({platform}, {how}, {clock.Elapsed.TotalSeconds:0.0} s{instead})"));
    }
}
