using Docker.DotNet;
using Images;
using Publishing.Push;
using Publishing.Versioning;
using TypedBuild;
using Containers;
using BaseImageFinder = Images.BaseImages;

/// <summary>
/// What one target makes and later targets use, each made once and handed on typed. A target whose producer was
/// skipped (--skip) finds the product instead, or stops with a usage error that says what is missing.
/// </summary>
internal sealed partial class Build
{
    EngineStatus? engine;
    BaseImageSet? bases;
    GitFacts? git;
    AppImageResult? appImage;
    PublishResult? published;

    async Task<IDockerClient> DockerAsync(CancellationToken ct)
    {
        if (engine is null)
        {
            var probe = DockerEngine.Create();
            try
            {
                var (client, api) = await DockerEngine.ConnectAsync(probe, ct);
                engine = new EngineStatus(EngineAction.AlreadyRunning, client, api, TimeSpan.Zero);
            }
            catch (Exception e) when (DockerEngine.IsUnreachable(e))
            {
                throw new UsageException($"The Engine target was skipped, but no Docker engine answers at {probe.Options.Endpoint}: " +
                                         "run without --skip Engine so the build can start one, or start it yourself.");
            }
        }
        return engine.Docker;
    }

    async Task<BaseImageSet> BaseImagesAsync(CancellationToken ct)
    {
        try { return bases ??= await BaseImageFinder.FindAsync(await DockerAsync(ct), BaseImageOptions, ct); }
        catch (ImagesException e) { throw new UsageException($"The BaseImages target was skipped: {e.Message}"); }
    }

    async Task<GitFacts> GitAsync(CancellationToken ct) => git ??= await new GitFactsReader(RootDirectory).ReadAsync(ct);

    async Task<AppImageResult> AppImageAsync(CancellationToken ct)
    {
        if (appImage is not null)
            return appImage;
        var tag = $"{ImageName}:{PublishTags.From(await GitAsync(ct)).Version}";
        return appImage = await AppImageResult.FindAsync(await DockerAsync(ct), tag, ct)
            ?? throw new UsageException($"The Image target was skipped, but there is no image {tag} (the version of this checkout) " +
                                        "to use instead: run without --skip Image to build it.");
    }
}
