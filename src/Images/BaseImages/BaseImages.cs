using Containers;
using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Images.Build;

namespace Images;

/// <summary>
/// Makes the base images available: the requested image if present, else a pull, else (air-gapped) a local
/// equivalent bootstrapped from Debian packages and the host's SDK. A second run with the same inputs only
/// inspects labels and says "up to date".
/// </summary>
public static class BaseImages
{
    public const string RoleLabel = "com.creditrobot.bootstrap";

    public static async Task<BaseImageSet> EnsureAsync(IDockerClient docker, BaseImageOptions options, IProgress<BuildProgress>? progress,
        CancellationToken ct = default)
    {
        var bootstrapper = new Bootstrapper(docker, options, progress);
        var sdk = await ResolveAsync(docker, options, progress, "sdk", options.SdkImage, bootstrapper.SdkAsync, ct);
        var runtime = await ResolveAsync(docker, options, progress, "runtime-deps", options.RuntimeImage,
            c => bootstrapper.FromRecipeAsync("runtime-deps", c), ct);
        var postgres = options.PostgresImage is null ? null
            : await ResolveAsync(docker, options, progress, "postgres", options.PostgresImage,
                c => bootstrapper.FromRecipeAsync("postgres", c), ct);
        var registry = options.RegistryImage is null ? null
            : await ResolveAsync(docker, options, progress, "registry", options.RegistryImage,
                c => bootstrapper.FromRecipeAsync("registry", c), ct);
        return new BaseImageSet(sdk, runtime, postgres, registry);
    }

    /// <summary>
    /// The base images an earlier run made available, found by name without pulling or building (for a run that
    /// skips the BaseImages target): the requested image, else its bootstrapped equivalent.
    /// </summary>
    public static async Task<BaseImageSet> FindAsync(IDockerClient docker, BaseImageOptions options, CancellationToken ct = default)
    {
        var bootstrapper = new Bootstrapper(docker, options, null);
        async Task<ResolvedImage?> Find(string role, string? requested)
        {
            if (requested is null)
                return null;
            foreach (var (name, source) in new[] { (requested, BaseImageSource.Present), (bootstrapper.TagFor(role), BaseImageSource.UpToDate) })
                if (await docker.TryInspectImageAsync(name, ct) is { } image)
                    return new ResolvedImage(role, requested, name, image.ID, source, TimeSpan.Zero);
            throw new ImagesException($"The {role} base image is needed but neither {requested} nor {bootstrapper.TagFor(role)} exists " +
                                      "in the engine; run without skipping BaseImages so the build can pull or bootstrap it.");
        }
        return new BaseImageSet((await Find("sdk", options.SdkImage))!, (await Find("runtime-deps", options.RuntimeImage))!,
            await Find("postgres", options.PostgresImage), await Find("registry", options.RegistryImage));
    }

    private static async Task<ResolvedImage> ResolveAsync(IDockerClient docker, BaseImageOptions options, IProgress<BuildProgress>? progress,
        string role, string requested, Func<CancellationToken, Task<(string Name, string Id, BaseImageSource Source)>> bootstrap,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string? fallbackReason = null;
        ResolvedImage Done(string name, string id, BaseImageSource source)
        {
            var how = source switch
            {
                BaseImageSource.Present => "present",
                BaseImageSource.Pulled => "pulled",
                BaseImageSource.UpToDate => "bootstrapped earlier, up to date",
                _ => "bootstrapped now",
            };
            var instead = fallbackReason is null ? "" : $"; instead of {requested}: {fallbackReason}";
            progress?.Report(new BuildProgress(BuildProgressKind.Note, $"{role,-13} {name} ({how}, {clock.Elapsed.TotalSeconds:0.0} s{instead})"));
            return new ResolvedImage(role, requested, name, id, source, clock.Elapsed);
        }

        if (await docker.TryInspectImageAsync(requested, ct) is { } present)
            return Done(requested, present.ID, BaseImageSource.Present);

        var pullFailure = await docker.TryPullAsync(requested, options.PullTimeout, ct);
        if (pullFailure is null)
            return Done(requested, (await docker.Images.InspectImageAsync(requested, ct)).ID, BaseImageSource.Pulled);

        fallbackReason = $"not present, pull failed ({pullFailure})";
        var (name, id, source) = await bootstrap(ct);
        return Done(name, id, source);
    }
}
