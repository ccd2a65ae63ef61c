using Benchmark;
using Docker.DotNet;
using Images;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Versioning;
using ServerConfig;
using TypedBuild;
using TypedBuild.GitHubActions;

/// <summary>
/// The pipeline of this repository, in the order it runs:
/// Restore → Compile → Test;  Engine → BaseImages → ServerConfig → Image → SmokeTest → Publish;  Benchmark.
/// <c>./build.sh --help</c> lists targets and parameters; <c>./build.sh --plan SmokeTest</c> shows the order.
/// </summary>
[GitHubActions("pull-request", GitHubActionsImage.UbuntuLatest,
    OnPullRequestBranches = ["main"],
    InvokedTargets = [nameof(Test), nameof(SmokeTest)],
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"], OnPushTags = ["v*"],
    InvokedTargets = [nameof(Publish)],
    ImportVariables = [nameof(Registry)],
    ImportSecrets = [nameof(RegistryUsername), nameof(RegistryPassword)],
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
internal sealed class Build : BuildScript
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.SmokeTest);

    [Parameter("Configuration to build and test")]
    readonly Configuration Configuration = Configuration.Debug;

    [Parameter("SDK image of the Dockerfile's build stage; bootstrapped from Debian packages when it cannot be pulled")]
    readonly string SdkImage = BaseImageOptions.OfficialSdk;

    [Parameter("Runtime base image of the final stage (distroless); bootstrapped when it cannot be pulled")]
    readonly string RuntimeImage = BaseImageOptions.OfficialRuntimeDeps;

    [Parameter("PostgreSQL image for tests and smoke tests; bootstrapped from Debian's postgresql when it cannot be pulled")]
    readonly string PostgresImage = BaseImageOptions.OfficialPostgres;

    [Parameter("Registry image for the local registry Publish starts when no --registry is given")]
    readonly string RegistryImage = BaseImageOptions.OfficialRegistry;

    [Parameter("Name of the app image (tagged <version> and latest)")]
    readonly string ImageName = "creditrobot";

    [Parameter("Image: run every Dockerfile step again instead of reusing cached layers")]
    readonly bool NoCache = false;

    [Parameter("server.conf: port of bind")]
    readonly int ServerPort = ServerSettings.Defaults.Port;

    [Parameter("server.conf: CPU cores the production host gives the app (workers = 2 x cores + 1)")]
    readonly int ServerCpus = 2;

    [Parameter("server.conf: log level")]
    readonly LogLevelSetting ServerLogLevel = ServerSettings.Defaults.LogLevel;

    [Parameter("server.conf: seconds before a request is cancelled and answered 504")]
    readonly int ServerTimeout = ServerSettings.Defaults.Timeout;

    [Parameter("server.conf: seconds in-flight requests get to finish on shutdown")]
    readonly int ServerGracefulTimeout = ServerSettings.Defaults.GracefulTimeout;

    [Parameter("server.conf: seconds an idle keep-alive connection stays open")]
    readonly int ServerKeepalive = ServerSettings.Defaults.Keepalive;

    [Parameter("Registry to publish to, e.g. ghcr.io; empty: a local registry on 127.0.0.1:5000 that the build starts")]
    readonly string? Registry = null;

    [Parameter("Repository in the registry")]
    readonly string Repository = "creditrobot";

    [Parameter("Registry user name")]
    readonly string? RegistryUsername = null;

    [Parameter("Registry password or token"), Secret]
    readonly string? RegistryPassword = null;

    AbsolutePath Solution => RootDirectory / "CreditRobot.slnx";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";
    IReadOnlyList<AbsolutePath> TestProjects => [.. (RootDirectory / "tests").GlobDirectories("*.Tests"), .. (RootDirectory / "bench").GlobDirectories("*.Tests")];
    Tool DotNet => ToolFromPath(EnvironmentVariable("DOTNET_EXE") ?? "dotnet");

    // Products handed from one target to the next, each made once. A target whose producer was skipped (--skip)
    // finds the product instead (the *Async accessors below) or stops with a usage error that says what is missing.
    EngineStatus? EngineConnection;
    BaseImageSet? BaseImageSet;
    GitFacts? Git;
    AppImageResult? AppImage;

    BaseImageOptions BaseImageOptions => new()
    {
        RepositoryRoot = RootDirectory,
        SdkImage = SdkImage,
        RuntimeImage = RuntimeImage,
        PostgresImage = PostgresImage,
        RegistryImage = RegistryImage,
    };

    async Task<IDockerClient> DockerAsync(CancellationToken ct)
    {
        if (EngineConnection is null)
        {
            var probe = Images.Engine.Create();
            try
            {
                var (client, api) = await Images.Engine.ConnectAsync(probe, ct);
                EngineConnection = new EngineStatus(EngineAction.AlreadyRunning, client, api, TimeSpan.Zero);
            }
            catch (Exception e) when (Images.Engine.IsUnreachable(e))
            {
                throw new UsageException($"The Engine target was skipped, but no Docker engine answers at {probe.Options.Endpoint}: " +
                                         "run without --skip Engine so the build can start one, or start it yourself.");
            }
        }
        return EngineConnection.Docker;
    }

    async Task<BaseImageSet> BaseImagesAsync(CancellationToken ct)
    {
        try { return BaseImageSet ??= await Images.BaseImages.FindAsync(await DockerAsync(ct), BaseImageOptions, ct); }
        catch (ImagesException e) { throw new UsageException($"The BaseImages target was skipped: {e.Message}"); }
    }

    async Task<GitFacts> GitAsync(CancellationToken ct) => Git ??= await new GitFactsReader(RootDirectory).ReadAsync(ct);

    async Task<AppImageResult> AppImageAsync(CancellationToken ct)
    {
        if (AppImage is not null)
            return AppImage;
        var tag = $"{ImageName}:{PublishTags.From(await GitAsync(ct)).Version}";
        return AppImage = await AppImageResult.FindAsync(await DockerAsync(ct), tag, ct)
            ?? throw new UsageException($"The Image target was skipped, but there is no image {tag} (the version of this checkout) " +
                                        "to use instead: run without --skip Image to build it.");
    }

    Target Clean => _ => _
        .Description("Delete bin/ and obj/ of every project, and artifacts/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var project in new[] { "src", "tests", "bench" }.SelectMany(d => (RootDirectory / d).GlobDirectories("*")))
            {
                (project / "bin").DeleteDirectory();
                (project / "obj").DeleteDirectory();
            }

            ArtifactsDirectory.DeleteDirectory();
        });

    Target Restore => _ => _
        .Description("Restore NuGet packages (locked mode when CI=true)")
        .Executes(ct => DotNet(["restore", Solution], ct));

    Target Compile => _ => _
        .Description("Build the solution")
        .DependsOn(Restore)
        .Executes(ct => DotNet(["build", Solution, "--no-restore", "--configuration", Configuration.ToString()], ct));

    Target Test => _ => _
        .Description("Run every tests/*.Tests and bench/*.Tests project (real engine, real PostgreSQL); trx in artifacts/test-results")
        .DependsOn(Compile, BaseImages)
        .Executes(async ct =>
        {
            var result = await DotNetTest.RunProjectsAsync(DotNet, TestProjects, TestResultsDirectory,
                new DotNetTestOptions { Arguments = ["--configuration", Configuration.ToString()], Environment = TestImages() },
                Summary, ct);
            Summary.Note(result.Total.ToString());
            Summary.AddClosingLine($"Test: {result.Total}");
            result.ThrowIfFailed();
        });

    Target Engine => _ => _
        .Description("Make sure a Docker engine answers (on a fresh Debian machine as root: install docker.io, start dockerd)")
        .Executes(async ct =>
        {
            EngineConnection = await EngineProvisioner.EnsureAsync(null,
                new EngineProvisionOptions { LogDirectory = RootDirectory / ".nuke" / "temp" }, new Progress<string>(Log.Info), ct);
            Summary.Note($"{EngineConnection.Endpoint}, API {EngineConnection.ApiVersion} ({EngineConnection.Action}){InstalledHostTools()}");
        });

    Target BaseImages => _ => _
        .Description("SDK, runtime, PostgreSQL (and registry) images: present, else pulled, else bootstrapped from Debian packages")
        .DependsOn(Engine)
        .Executes(async ct =>
        {
            var docker = await DockerAsync(ct);
            BaseImageSet = await BuildDisplay.RunAsync(Log.Console, p => Images.BaseImages.EnsureAsync(docker, BaseImageOptions, p, ct));
            Summary.Note(string.Join(", ", BaseImageSet.All.Select(i => $"{i.Role} {i.Source}")) + InstalledHostTools());
        });

    Target ServerConfig => _ => _
        .Description("Render server.conf (the gunicorn.conf.py counterpart) from the server.conf parameters")
        .Executes(() =>
        {
            var settings = ServerSettings.Defaults with
            {
                Port = ServerPort,
                Workers = ServerSettings.WorkersFor(ServerCpus),
                LogLevel = ServerLogLevel,
                Timeout = ServerTimeout,
                GracefulTimeout = ServerGracefulTimeout,
                Keepalive = ServerKeepalive,
            };
            var changed = ServerConfigFile.Write(RootDirectory / "server.conf", settings);
            Summary.Note(changed ? "server.conf rewritten" : "server.conf unchanged");
        });

    Target Image => _ => _
        .Description("Build the multi-stage Dockerfile through the Engine API, tag <version> and latest, audit the result")
        .DependsOn(BaseImages, ServerConfig)
        .Executes(async ct =>
        {
            var (docker, git, bases) = (await DockerAsync(ct), await GitAsync(ct), await BaseImagesAsync(ct));
            var built = AppImage = await BuildDisplay.RunAsync(Log.Console, p => Images.AppImage.BuildAsync(docker, new AppImageOptions
            {
                ContextDirectory = RootDirectory,
                Repository = ImageName,
                Version = PublishTags.From(git).Version,
                Revision = git.Sha,
                Source = git.SourceUrl,
                Created = git.CommitTime,
                SdkImage = bases.Sdk.Name,
                RuntimeImage = bases.Runtime.Name,
                NoCache = NoCache,
            }, p, ct));
            Log.Info($"Image {string.Join(", ", built.Tags)}  id {built.ShortId}  size {BuildDisplay.Megabytes(built.SizeBytes)}  " +
                     $"layers {built.Layers}  ({built.Steps} steps, {built.CachedSteps} cached, {built.Duration.TotalSeconds:0.0} s)");
            var audit = await ImageAudit.EnforceAsync(docker, built.Image,
                cacheDirectory: RootDirectory / ".nuke" / "temp" / "audit", ct: ct);
            Log.Info(audit.Summary);
            Summary.Note($"{built.ShortId}, {BuildDisplay.Megabytes(built.SizeBytes)}, {built.Layers} layers, audited");
        });

    Target SmokeTest => _ => _
        .Description("Run tests/SmokeTests against the exact image Image built: one row per scenario group")
        .DependsOn(Compile, Image)
        .Executes(async ct =>
        {
            var image = await AppImageAsync(ct);
            var result = await DotNetTest.RunProjectsAsync(DotNet, [RootDirectory / "tests" / "SmokeTests"], TestResultsDirectory,
                new DotNetTestOptions
                {
                    Arguments = ["--configuration", Configuration.ToString()],
                    Environment = new Dictionary<string, string?>(TestImages()) { ["CREDITROBOT_IMAGE"] = image.ImageId },
                    RowPerClass = true,
                }, Summary, ct);
            foreach (var failed in result.Failures.Where(f => f.Output.Length > 0))
                Log.Error($"--- {failed.Name}: container logs ---{Environment.NewLine}{failed.Output}");
            Summary.Note($"{image.ShortId}: {result.Total}");
            result.ThrowIfFailed();
        });

    Target Publish => _ => _
        .Description("Push the smoke-tested image (never a rebuild) with its version, sha and latest tags; prove it by digest")
        .DependsOn(SmokeTest)
        .Executes(async ct =>
        {
            var (docker, image, tags) = (await DockerAsync(ct), await AppImageAsync(ct), PublishTags.From(await GitAsync(ct)));
            var registryImage = (await BaseImagesAsync(ct)).Registry?.Name
                                ?? throw new UsageException("Publish to the local registry needs a registry image: set --registry-image, or --registry host:port.");
            var registry = string.IsNullOrEmpty(Registry)
                ? await LocalRegistry.EnsureAsync(docker, new LocalRegistryOptions { Image = registryImage }, Log.Info, ct)
                : new RegistryAddress(Registry);
            var credentials = RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword);
            var published = await new ImagePublisher(docker, Log.Info).PublishAsync(new PublishRequest
            {
                ImageId = image.ImageId,
                Registry = registry,
                Repository = Repository,
                Tags = tags.Tags,
                Credentials = credentials,
            }, ct);

            var proof = new PullProof(docker, Log.Info);
            await proof.PullByDigestAsync(published.References[0], credentials, ct);
            var run = await proof.RunOnceAsync(published.References[0].DigestReference, ct: ct);
            if (!run.Succeeded)
                throw new BuildException($"{published.References[0].DigestReference} was pushed but does not run: exit {run.ExitCode}. {run.Stderr}");
            Summary.Note(published.Summary);
        });

    Target Benchmark => _ => _
        .Description("Measure the image against the seed deployment (Flask + Gunicorn), A B A B; results in artifacts/benchmark")
        .DependsOn(Image)
        .Executes(async ct =>
        {
            var results = await BenchmarkRun.RunAsync(new BenchmarkOptions
            {
                OursImage = (await AppImageAsync(ct)).ImageId,
                RepositoryRoot = RootDirectory,
            }, Console.Out, ct);
            Summary.Note($"goals: {results.Goals.Count(g => g.Passed == true)} of {results.Goals.Count} met; artifacts/benchmark/results.md");
        });

    /// <summary>Host packages this run installed and not yet noted, for the summary.</summary>
    string InstalledHostTools()
    {
        var installed = HostTools.ForThisHost.Installed.Skip(notedHostTools).ToArray();
        notedHostTools += installed.Length;
        return installed.Length == 0 ? "" : $"; installed {string.Join(", ", installed)}";
    }

    int notedHostTools;

    /// <summary>The images the tests run, as resolved by BaseImages (the tests never build base images).</summary>
    IReadOnlyDictionary<string, string?> TestImages() => new Dictionary<string, string?>
    {
        ["CREDITROBOT_POSTGRES_IMAGE"] = BaseImageSet?.Postgres?.Name,
        ["PUBLISHING_TEST_REGISTRY_IMAGE"] = BaseImageSet?.Registry?.Name,
    };
}
