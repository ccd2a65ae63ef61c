using Containers;
using Images;
using Publishing.Versioning;
using TypedBuild;
using AppImageBuilder = Images.AppImage;

/// <summary>How the pipeline makes images and hands them to the tests: the options from the parameters, the app
/// image build (also the benchmark's JIT variant), the images the tests run, and the one way SmokeTest, Soak and
/// PlatformSmokeTest run tests/SmokeTests.</summary>
internal sealed partial class Build
{
    BaseImageOptions BaseImageOptions => new()
    {
        RepositoryRoot = RootDirectory,
        SdkImage = SdkImage,
        RuntimeImage = RuntimeImage,
        PostgresImage = PostgresImage,
        RegistryImage = RegistryImage,
        HostTools = ThisHost,
    };

    /// <summary>
    /// The Dockerfile through the Engine API, tagged &lt;version&gt; and latest; a <paramref name="variant"/> (the
    /// benchmark's VARIANT=jit) is tagged &lt;version&gt;-&lt;variant&gt; only, never latest.
    /// </summary>
    async Task<AppImageResult> BuildAppImageAsync(string? variant, bool noCache, CancellationToken ct,
        Images.Platforms.ImagePlatform? platform = null, string? sdkImage = null, string? runtimeImage = null)
    {
        var (docker, options) = (await DockerAsync(ct), await AppImageOptionsAsync(variant, ct, platform, sdkImage, runtimeImage));
        var built = await BuildDisplay.RunAsync(Log.Console, p => AppImageBuilder.BuildAsync(docker, options with { NoCache = noCache }, p, ct));
        Log.Info($"Image {string.Join(", ", built.Tags)}  id {built.ShortId}  size {BuildDisplay.Megabytes(built.SizeBytes)}  " +
                 $"layers {built.Layers}  ({(built.UpToDate ? "up to date" : $"{built.Steps} steps, {built.CachedSteps} cached")}, {built.Duration.TotalSeconds:0.0} s)");
        return built;
    }

    /// <summary>
    /// What the app image of this checkout is built from: its version (<c>-dirty</c> with uncommitted changes, see
    /// <see cref="PublishTags"/>), commit, source date and base images. Also what a found image is compared with.
    /// </summary>
    async Task<AppImageOptions> AppImageOptionsAsync(string? variant, CancellationToken ct,
        Images.Platforms.ImagePlatform? platform = null, string? sdkImage = null, string? runtimeImage = null)
    {
        var (checkout, baseImages) = (await GitAsync(ct), await BaseImagesAsync(ct));
        return new AppImageOptions
        {
            ContextDirectory = RootDirectory,
            Repository = ImageName,
            Version = PublishTags.From(checkout).Version,
            Variant = variant,
            Revision = checkout.Sha,
            Source = checkout.SourceUrl,
            Created = SourceDate(checkout),
            AssemblyCacheDirectory = RootDirectory / ".nuke" / "temp" / "assembly",
            SdkImage = sdkImage ?? baseImages.Sdk.Name,
            RuntimeImage = runtimeImage ?? baseImages.Runtime.Name,
            Platform = platform,
        };
    }

    /// <summary>The images the tests run, as BaseImages resolved them (or finds them when it was skipped); the tests never build base images.</summary>
    async Task<IReadOnlyDictionary<string, string?>> TestImagesAsync(CancellationToken ct)
    {
        var baseImages = await BaseImagesAsync(ct);
        return new Dictionary<string, string?>
        {
            [ProjectNames.PostgresImageVariable] = baseImages.Postgres?.Name,
            [ProjectNames.RegistryImageVariable] = baseImages.Registry?.Name,
        };
    }

    /// <summary>
    /// build.sh arguments for the benchmark's checkout of the commit before issues 20 and 21: this run's base images (present,
    /// so that build neither pulls nor bootstraps) and its own image name (this checkout's tags stay as they are).
    /// </summary>
    async Task<IReadOnlyList<string>> BaselineBenchmarkArgumentsAsync(CancellationToken ct)
    {
        var bases = await BaseImagesAsync(ct);
        return ["--sdk-image", bases.Sdk.Name, "--runtime-image", bases.Runtime.Name, "--image-name", $"{ImageName}-baseline",
            .. bases.Postgres is { } postgres ? ["--postgres-image", postgres.Name] : Array.Empty<string>(),
            .. bases.Registry is { } registry ? ["--registry-image", registry.Name] : Array.Empty<string>()];
    }

    /// <summary>Host packages this run installed and not yet noted, for the summary.</summary>
    string InstalledHostTools()
    {
        var installed = ThisHost.Installed.Skip(notedHostTools).ToArray();
        notedHostTools += installed.Length;
        return installed.Length == 0 ? "" : $"; installed {string.Join(", ", installed)}";
    }

    int notedHostTools;

    /// <summary>The host packages this run may install (debootstrap, docker.io …), asked afterwards what it installed.</summary>
    readonly HostTools ThisHost = new();

    /// <summary>
    /// tests/SmokeTests through <paramref name="filter"/> with the images under test (plus the base images the tests
    /// run): one row per scenario group, the containers of a Ctrl+C'ed run swept, the container logs of failures printed.
    /// </summary>
    async Task<TestRunResult> RunSmokeTestsAsync(string filter, IReadOnlyDictionary<string, string?> images, CancellationToken ct,
        bool showTestOutput = false)
    {
        var docker = await DockerAsync(ct);
        // Ctrl+C kills the test host before its fixtures dispose their containers; its session is then a dead one.
        RegisterCleanup("remove the smoke test's containers", async token =>
        {
            var swept = await SessionSweep.RunAsync(docker, settle: ct.IsCancellationRequested, token);
            if (swept.Containers + swept.Networks + swept.Volumes > 0)
                Log.Info($"Smoke test clean-up: {swept}");
        });
        var environment = new Dictionary<string, string?>(await TestImagesAsync(ct));
        foreach (var (name, value) in images)
            environment[name] = value;
        var result = await DotNetTest.RunProjectsAsync(DotNet, [SmokeTestProject], TestResultsDirectory, new DotNetTestOptions
        {
            Arguments = ["--configuration", Configuration.ToString(), "--filter", filter, .. showTestOutput ? ["--logger", "console;verbosity=detailed"] : Array.Empty<string>()],
            Environment = environment,
            RowPerClass = true,
        }, Summary, ct);
        foreach (var failed in result.Failures.Where(f => f.Output.Length > 0))
            Log.Error($"--- {failed.Name}: container logs ---{Environment.NewLine}{failed.Output}");
        return result;
    }
}
