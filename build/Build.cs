using Containers;
using Benchmark;
using Deployment;
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
    ConcurrencyCancelInProgress = true,
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
[GitHubActions("publish", GitHubActionsImage.UbuntuLatest,
    OnPushBranches = ["main"], OnPushTags = ["v*"],
    InvokedTargets = [nameof(Publish)],
    WritePermissions = [GitHubActionsPermission.Packages],
    ImportVariables = [nameof(Registry), nameof(Repository)],
    ImportSecrets = [nameof(RegistryUsername), nameof(RegistryPassword)],
    ImportFallbacks = ["REGISTRY_USERNAME=github.actor", "REGISTRY_PASSWORD=secrets.GITHUB_TOKEN"],
    UploadArtifacts = ["artifacts/test-results/*.trx"])]
internal sealed partial class Build : BuildScript
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

    // server.conf, one parameter per key: --conf-<key>, environment CONF_<KEY> (never SERVER_<KEY>, the app's
    // runtime variables), .nuke/parameters.json key Conf<Key>. Put lasting values in parameters.json.
    [Parameter("server.conf bind: HOST:PORT the app listens on")]
    readonly string ConfBind = ServerSettings.Defaults.Bind.ToString();

    [Parameter("server.conf workers: request slots; Gunicorn's (2 x cores) + 1, e.g. 9 for 4 cores")]
    readonly int ConfWorkers = ServerSettings.Defaults.Workers;

    [Parameter("server.conf worker_class: async or sync")]
    readonly WorkerClass ConfWorkerClass = ServerSettings.Defaults.WorkerClass;

    [Parameter("server.conf threads: threads per worker")]
    readonly int ConfThreads = ServerSettings.Defaults.Threads;

    [Parameter("server.conf timeout: seconds before a request is cancelled and answered 504")]
    readonly int ConfTimeout = ServerSettings.Defaults.Timeout;

    [Parameter("server.conf graceful_timeout: seconds in-flight requests get to finish on shutdown")]
    readonly int ConfGracefulTimeout = ServerSettings.Defaults.GracefulTimeout;

    [Parameter("server.conf keepalive: seconds an idle keep-alive connection stays open")]
    readonly int ConfKeepalive = ServerSettings.Defaults.Keepalive;

    [Parameter("server.conf accesslog: - (stdout), a file path, or empty (off)")]
    readonly string ConfAccesslog = ServerSettings.Defaults.AccessLog;

    [Parameter("server.conf errorlog: - (stderr) or a file path")]
    readonly string ConfErrorlog = ServerSettings.Defaults.ErrorLog;

    [Parameter("server.conf loglevel")]
    readonly LogLevelSetting ConfLoglevel = ServerSettings.Defaults.LogLevel;

    [Parameter("server.conf log_format: text or json")]
    readonly LogFormat ConfLogFormat = ServerSettings.Defaults.LogFormat;

    [Parameter("server.conf preload_app: migrate before listening")]
    readonly bool ConfPreloadApp = ServerSettings.Defaults.PreloadApp;

    [Parameter("server.conf limit_request_line: bytes of the request line")]
    readonly int ConfLimitRequestLine = ServerSettings.Defaults.LimitRequestLine;

    [Parameter("server.conf limit_request_fields: header fields per request")]
    readonly int ConfLimitRequestFields = ServerSettings.Defaults.LimitRequestFields;

    [Parameter("server.conf limit_request_field_size: bytes of one header field")]
    readonly int ConfLimitRequestFieldSize = ServerSettings.Defaults.LimitRequestFieldSize;

    [Parameter("server.conf max_body_size: bytes of a request body, 0 = no limit")]
    readonly int ConfMaxBodySize = (int)ServerSettings.Defaults.MaxBodySize;

    [Parameter("server.conf forwarded_allow_ips: trusted proxies (IPs/CIDRs, comma-separated) or *")]
    readonly string ConfForwardedAllowIps = ServerSettings.Defaults.ForwardedAllowIps;

    [Parameter("Manifests: image the Deployment runs, pinned by digest (registry/repository@sha256:…); default: a placeholder to replace")]
    readonly string KubernetesImage = DeploymentImage.Placeholder;

    [Parameter("Registry to publish to, e.g. ghcr.io; empty: a local registry on 127.0.0.1:5000 that the build starts (not on CI)")]
    readonly string? Registry = null;

    [Parameter("Publish on CI without --registry: push to a throw-away local registry instead of failing")]
    readonly bool LocalRegistryOnCi = false;

    [Parameter("Repository in the registry")]
    readonly string Repository = "creditrobot";

    [Parameter("Registry user name")]
    readonly string? RegistryUsername = null;

    [Parameter("Registry password or token"), Secret]
    readonly string? RegistryPassword = null;

    /// <summary>The production server.conf, every key typed (ServerConfigFile.Validate checks the values against
    /// the app's own table; a test checks that every key of the table is set here).</summary>
    ServerSettings ServerConf => new()
    {
        Bind = ParseBind(ConfBind),
        Workers = ConfWorkers,
        WorkerClass = ConfWorkerClass,
        Threads = ConfThreads,
        Timeout = ConfTimeout,
        GracefulTimeout = ConfGracefulTimeout,
        Keepalive = ConfKeepalive,
        AccessLog = ConfAccesslog,
        ErrorLog = ConfErrorlog,
        LogLevel = ConfLoglevel,
        LogFormat = ConfLogFormat,
        PreloadApp = ConfPreloadApp,
        LimitRequestLine = ConfLimitRequestLine,
        LimitRequestFields = ConfLimitRequestFields,
        LimitRequestFieldSize = ConfLimitRequestFieldSize,
        MaxBodySize = ConfMaxBodySize,
        ForwardedAllowIps = ConfForwardedAllowIps,
    };

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
    PublishResult? Published;

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
            var probe = DockerEngine.Create();
            try
            {
                var (client, api) = await DockerEngine.ConnectAsync(probe, ct);
                EngineConnection = new EngineStatus(EngineAction.AlreadyRunning, client, api, TimeSpan.Zero);
            }
            catch (Exception e) when (DockerEngine.IsUnreachable(e))
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
        .Description("Build the solution, and every test project Test runs that the solution does not list")
        .DependsOn(Restore)
        .Executes(async ct =>
        {
            await DotNet(["build", Solution, "--no-restore", "--configuration", Configuration.ToString()], ct);
            foreach (var project in SolutionFile.Unlisted(Solution, TestProjects))
            {
                Log.Warn($"{project.RelativeTo(RootDirectory)} is not in {Solution.Name}: built on its own (add it: dotnet sln add).");
                await DotNet(["build", project, "--configuration", Configuration.ToString()], ct);
            }
        });

    Target Test => _ => _
        .Description("Run every tests/*.Tests and bench/*.Tests project (real engine, real PostgreSQL); trx in artifacts/test-results")
        .DependsOn(Compile, BaseImages)
        .Executes(async ct =>
        {
            var result = await DotNetTest.RunProjectsAsync(DotNet, TestProjects, TestResultsDirectory,
                new DotNetTestOptions { Arguments = ["--configuration", Configuration.ToString()], Environment = await TestImagesAsync(ct) },
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
        .Description("Render server.conf (the gunicorn.conf.py counterpart) from the --conf-* parameters; refuses a hand-edited file, fails on CI when stale")
        .Executes(() =>
        {
            var settings = ServerConf;
            if (ServerConfigFile.Validate(settings) is { Count: > 0 } errors)
                throw new BuildException("server.conf parameters: " + string.Join("; ", errors));
            var result = ServerConfigSync.Sync(RootDirectory / "server.conf", settings, IsServerBuild);
            if (result.State is ServerConfigState.HandEdited or ServerConfigState.Stale)
                throw new BuildException(result.Message);
            if (result.State == ServerConfigState.Written)
                Log.Warn(result.Message);
            Summary.Note(result.State == ServerConfigState.Written ? "server.conf rewritten" : "server.conf unchanged");
        });

    Target Image => _ => _
        .Description("Build the multi-stage Dockerfile through the Engine API, tag <version> and latest, audit the result")
        .DependsOn(BaseImages, ServerConfig)
        .Executes(async ct =>
        {
            var built = AppImage = await BuildAppImageAsync(variant: null, NoCache, ct);
            var audit = await ImageAudit.EnforceAsync(await DockerAsync(ct), built.Image,
                cacheDirectory: RootDirectory / ".nuke" / "temp" / "audit", ct: ct);
            Log.Info(audit.Summary);
            Summary.Note($"{built.ShortId}, {BuildDisplay.Megabytes(built.SizeBytes)}, {built.Layers} layers, audited");
        });

    Target CompileSmokeTests => _ => _
        .Description("Build tests/SmokeTests and what it references, not the whole solution (the edit → smoke-tested image loop)")
        .Executes(ct => DotNet(["build", SmokeTestProject, "--configuration", Configuration.ToString()], ct));

    Target SmokeTest => _ => _
        .Description("Run tests/SmokeTests against the exact image Image built: one row per scenario group")
        .DependsOn(CompileSmokeTests, Image)
        .Executes(async ct =>
        {
            var (docker, image) = (await DockerAsync(ct), await AppImageAsync(ct));
            // Ctrl+C kills the test host before its fixtures dispose their containers; its session is then a dead one.
            RegisterCleanup("remove the smoke test's containers", async token =>
            {
                var swept = await SessionSweep.RunAsync(docker, settle: ct.IsCancellationRequested, token);
                if (swept.Containers + swept.Networks + swept.Volumes > 0)
                    Log.Info($"Smoke test clean-up: {swept}");
            });
            var result = await DotNetTest.RunProjectsAsync(DotNet, [SmokeTestProject], TestResultsDirectory,
                new DotNetTestOptions
                {
                    Arguments = ["--configuration", Configuration.ToString()],
                    Environment = new Dictionary<string, string?>(await TestImagesAsync(ct)) { [ProjectNames.AppImageVariable] = image.ImageId },
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
        // Checked before anything runs: on CI a missing REGISTRY variable must fail, not go green on a throw-away registry.
        .Requires(() => IsLocalBuild || LocalRegistryOnCi || !string.IsNullOrEmpty(Registry) ? "ok" : null,
            "a registry on CI: --registry or REGISTRY (on GitHub the repository variable REGISTRY, e.g. ghcr.io), or --local-registry-on-ci for a throw-away one")
        .Executes(async ct =>
        {
            var (docker, image, tags) = (await DockerAsync(ct), await AppImageAsync(ct), PublishTags.From(await GitAsync(ct)));
            var registryImage = (await BaseImagesAsync(ct)).Registry?.Name
                                ?? throw new UsageException("Publish to the local registry needs a registry image: set --registry-image, or --registry host:port.");
            var registry = string.IsNullOrEmpty(Registry)
                ? await LocalRegistry.EnsureAsync(docker, new LocalRegistryOptions { Image = registryImage }, Log.Info, ct)
                : new RegistryAddress(Registry);
            var credentials = RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword);
            var published = Published = await new ImagePublisher(docker, Log.Info).PublishAsync(new PublishRequest
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

    Target Manifests => _ => _
        .Description("Write deploy/kubernetes/*.yaml from the server.conf parameters (stale on CI: a failure); after Publish, a digest-pinned copy in artifacts/kubernetes")
        .After(Publish)
        .Executes(() =>
        {
            if (DeploymentImage.Problem(KubernetesImage, "--kubernetes-image") is { } problem) throw new UsageException(problem);
            var facts = new DeploymentFacts { Image = KubernetesImage };
            var outcomes = GeneratedFiles.SyncAndReport(ManifestsDirectory,
                KubernetesManifests.Create(ServerConf, facts).Files().Select(f => new GeneratedFile(f.Name, f.Content)), RootDirectory, IsServerBuild, Log.Warn);
            // The checked-in files keep their image (stable in git); the digest this run pushed goes to a copy to apply.
            if (Published is not null)
                KubernetesManifests.Create(ServerConf, facts with { Image = Published.References[0].DigestReference }).WriteTo(ArtifactsDirectory / "kubernetes");
            Summary.Note($"{outcomes.Count(o => o.State == GeneratedFileState.UpToDate)} of {outcomes.Count} unchanged" +
                (Published is null ? "" : $"; artifacts/kubernetes pinned to {Published.References[0].DigestReference}"));
        });

    Target Benchmark => _ => _
        .Description("Measure the image (and its trimmed JIT variant, for contrast) against the seed deployment (Flask + Gunicorn), " +
                     "alternating; results in artifacts/benchmark")
        .DependsOn(Image)
        .Executes(async ct =>
        {
            var jit = BenchmarkAotOnly ? null : await BuildAppImageAsync(variant: "jit", noCache: false, ct);
            var results = await BenchmarkRun.RunAsync(new BenchmarkOptions
            {
                OursImage = (await AppImageAsync(ct)).ImageId,
                JitImage = jit?.ImageId,
                RepositoryRoot = RootDirectory,
                // The cold-Image goal means no layer cache; without it the first timed build would be a near no-op.
                ColdImageArguments = ["--no-cache"],
            }, Console.Out, ct);
            Summary.Note($"goals: {results.Goals.Count(g => g.Passed == true)} of {results.Goals.Count} met" +
                         (jit is null ? "" : $"; jit variant {jit.ShortId} compared") + "; artifacts/benchmark/results.md");
        });

    [Parameter("Benchmark: measure only the production (AOT) image, without the trimmed JIT variant beside it (about a third less time)")]
    readonly bool BenchmarkAotOnly = false;

    /// <summary>
    /// The Dockerfile through the Engine API, tagged &lt;version&gt; and latest; a <paramref name="variant"/> (the
    /// benchmark's VARIANT=jit) is tagged &lt;version&gt;-&lt;variant&gt; only, never latest.
    /// </summary>
    async Task<AppImageResult> BuildAppImageAsync(string? variant, bool noCache, CancellationToken ct)
    {
        var (docker, git, bases) = (await DockerAsync(ct), await GitAsync(ct), await BaseImagesAsync(ct));
        var built = await BuildDisplay.RunAsync(Log.Console, p => Images.AppImage.BuildAsync(docker, new AppImageOptions
        {
            ContextDirectory = RootDirectory,
            Repository = ImageName,
            Version = PublishTags.From(git).Version,
            Variant = variant,
            Revision = git.Sha,
            Source = git.SourceUrl,
            Created = SourceDate(git),
            AssemblyCacheDirectory = RootDirectory / ".nuke" / "temp" / "assembly",
            SdkImage = bases.Sdk.Name,
            RuntimeImage = bases.Runtime.Name,
            NoCache = noCache,
        }, p, ct));
        Log.Info($"Image {string.Join(", ", built.Tags)}  id {built.ShortId}  size {BuildDisplay.Megabytes(built.SizeBytes)}  " +
                 $"layers {built.Layers}  ({built.Steps} steps, {built.CachedSteps} cached, {built.Duration.TotalSeconds:0.0} s)");
        return built;
    }

    /// <summary>Host packages this run installed and not yet noted, for the summary.</summary>
    string InstalledHostTools()
    {
        var installed = HostTools.ForThisHost.Installed.Skip(notedHostTools).ToArray();
        notedHostTools += installed.Length;
        return installed.Length == 0 ? "" : $"; installed {string.Join(", ", installed)}";
    }

    int notedHostTools;

    static readonly GeneratedDirectory ManifestsDirectory = new("deploy/kubernetes", "*.yaml", KubernetesManifests.GeneratedMarker,
        "the server.conf parameters in build/Build.cs (src/Deployment)", "./build.sh Manifests");

    AbsolutePath SmokeTestProject => RootDirectory / "tests" / "SmokeTests";

    static BindAddress ParseBind(string raw) =>
        ValueParsers.Bind(raw) is var parsed && parsed.Error is null
            ? parsed.Value
            : throw new BuildException($"--conf-bind: {parsed.Error}");

    /// <summary>The images the tests run, as BaseImages resolved them (or finds them when it was skipped); the tests never build base images.</summary>
    async Task<IReadOnlyDictionary<string, string?>> TestImagesAsync(CancellationToken ct)
    {
        var bases = await BaseImagesAsync(ct);
        return new Dictionary<string, string?>
        {
            [ProjectNames.PostgresImageVariable] = bases.Postgres?.Name,
            [ProjectNames.RegistryImageVariable] = bases.Registry?.Name,
        };
    }
}
