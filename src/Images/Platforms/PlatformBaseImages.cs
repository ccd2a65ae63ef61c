using Containers;
using System.Diagnostics;
using Docker.DotNet;
using Images.Build;

namespace Images.Platforms;

/// <summary>
/// The runtime base of a platform other than the host's: bootstrapped from Debian's packages of that architecture
/// (the images/runtime-deps recipe with DEB_ARCH and ROOT_IMAGE), up to date when its inputs are unchanged. The
/// SDK is the host's plus a cross toolchain layer: the Dockerfile cross-compiles. An official arm64 runtime-deps is not pulled yet (a pull of a
/// multi-platform tag for another platform would re-point the host's tag).
/// </summary>
public static class PlatformBaseImages
{
    public static async Task<ResolvedImage> RuntimeAsync(IDockerClient docker, BaseImageOptions options, ImagePlatform platform,
        IProgress<BuildProgress>? progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var (name, id, source) = await new Bootstrapper(docker, options, progress).RuntimeDepsForAsync(platform, ct);
        Report(progress, "runtime-deps", name, platform, source, clock);
        return new ResolvedImage($"runtime-deps {platform}", options.RuntimeImage, name, id, source, clock.Elapsed);
    }

    /// <summary>The SDK image that cross-compiles for <paramref name="platform"/>: <paramref name="sdk"/> plus its cross toolchain.</summary>
    public static async Task<ResolvedImage> CrossSdkAsync(IDockerClient docker, BaseImageOptions options, ResolvedImage sdk,
        ImagePlatform platform, IProgress<BuildProgress>? progress, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var (name, id, source) = await new Bootstrapper(docker, options, progress).CrossSdkAsync(sdk, platform, ct);
        Report(progress, "sdk-cross", name, platform, source, clock);
        return new ResolvedImage($"sdk {platform}", sdk.Name, name, id, source, clock.Elapsed);
    }

    private static void Report(IProgress<BuildProgress>? progress, string role, string name, ImagePlatform platform, BaseImageSource source, Stopwatch clock)
    {
        var how = source == BaseImageSource.UpToDate ? "bootstrapped earlier, up to date" : "bootstrapped now";
        progress?.Report(new BuildProgress(BuildProgressKind.Note, $"{role,-13} {name} ({platform}, {how}, {clock.Elapsed.TotalSeconds:0.0} s)"));
    }

    /// <summary>The runtime base an earlier run made for <paramref name="platform"/>, without building it.</summary>
    public static async Task<ResolvedImage> FindRuntimeAsync(IDockerClient docker, BaseImageOptions options, ImagePlatform platform,
        CancellationToken ct = default)
    {
        var name = new Bootstrapper(docker, options, null).RuntimeTagFor(platform);
        return await docker.TryInspectImageAsync(name, ct) is { } image
            ? new ResolvedImage($"runtime-deps {platform}", options.RuntimeImage, name, image.ID, BaseImageSource.UpToDate, TimeSpan.Zero)
            : throw new ImagesException($"The {platform} runtime base {name} does not exist in the engine; run without skipping " +
                                        "BaseImages so the build can bootstrap it.");
    }
}
