using Docker.DotNet;
using Images;
using Publishing.Push;
using Publishing.Versioning;
using TypedBuild;
using Containers;
using BaseImageFinder = Images.BaseImages;
using AppImageBuilder = Images.AppImage;

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

    /// <summary>
    /// Image's product; with --skip Image the image under this checkout's version tag, used only when its recorded
    /// commit and inputs (the build context as sent and the build args) are this checkout's.
    /// </summary>
    async Task<AppImageResult> AppImageAsync(CancellationToken ct)
    {
        if (appImage is not null)
            return appImage;
        var options = await AppImageOptionsAsync(variant: null, ct);
        var tag = options.Tags[0];
        var found = await AppImageResult.FindAsync(await DockerAsync(ct), tag, ct)
            ?? throw new UsageException($"The Image target was skipped, but there is no image {tag} (the version of this checkout) " +
                                        "to use instead: run without --skip Image to build it.");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (AppImageBuilder.Mismatch(found.Image, options) is { } why)
            throw new UsageException($"The Image target was skipped, but {tag} ({found.ShortId}) is not this checkout's image: {why}. " +
                                     "Run without --skip Image to build it.");
        Log.Info($"Image skipped: {tag} ({found.ShortId}) has this checkout's commit and inputs (compared in {clock.ElapsedMilliseconds} ms)");
        return appImage = found;
    }

    /// <summary>
    /// Publish's check before any target runs (and again when it runs, in case ServerConfig rewrote server.conf): a
    /// tree with uncommitted changes is not the commit, so it publishes only with --publish-dirty, as &lt;version&gt;-dirty.
    /// </summary>
    string PublishableTree()
    {
        var facts = GitAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (!facts.IsDirty || PublishDirty)
            return "ok";
        throw new UsageException($"this checkout differs from its commit {facts.ShortSha} ({facts.DescribeChanges()}): commit the changes " +
                                 $"(or stash them) to publish the commit, or pass --publish-dirty to publish this tree as {PublishTags.From(facts).Version} " +
                                 "only (never 'latest', 'sha-…' or the commit's version).");
    }
}
