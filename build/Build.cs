using Benchmark;
using DockerEngine;
using Deployment;
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

    [Parameter("Manifests: image the Deployment runs, pinned by digest (registry/repository@sha256:…); default: a placeholder to replace")]
    readonly string KubernetesImage = DeploymentImage.Placeholder;

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

    // Handed from one target to the next; no target reads back what an earlier one produced.
    readonly DockerClient Docker = new(DockerEndpoint.FromEnvironment());
    BaseImageSet? BaseImageSet;
    GitFacts? Git;
    AppImageResult? AppImage;
    PublishResult? Published;

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
            var status = await EngineProvisioner.EnsureAsync(Docker,
                new EngineProvisionOptions { LogDirectory = RootDirectory / ".nuke" / "temp" }, new Progress<string>(Log.Info), ct);
            Summary.Note($"{status.Endpoint}, API {status.ApiVersion} ({status.Action}){InstalledHostTools()}");
        });

    Target BaseImages => _ => _
        .Description("SDK, runtime, PostgreSQL (and registry) images: present, else pulled, else bootstrapped from Debian packages")
        .DependsOn(Engine)
        .Executes(async ct =>
        {
            BaseImageSet = await Images.BaseImages.EnsureAsync(Docker, new BaseImageOptions
            {
                RepositoryRoot = RootDirectory,
                SdkImage = SdkImage,
                RuntimeImage = RuntimeImage,
                PostgresImage = PostgresImage,
                RegistryImage = RegistryImage,
            }, Log.Console, ct);
            Summary.Note(string.Join(", ", BaseImageSet.All.Select(i => $"{i.Role} {i.Source}")) + InstalledHostTools());
        });

    Target ServerConfig => _ => _
        .Description("Render server.conf (the gunicorn.conf.py counterpart) from the server.conf parameters")
        .Executes(() =>
        {
            var changed = ServerConfigFile.Write(RootDirectory / "server.conf", Settings);
            Summary.Note(changed ? "server.conf rewritten" : "server.conf unchanged");
        });

    Target Image => _ => _
        .Description("Build the multi-stage Dockerfile through the Engine API, tag <version> and latest, audit the result")
        .DependsOn(BaseImages, ServerConfig)
        .Executes(async ct =>
        {
            Git = await new GitFactsReader(RootDirectory).ReadAsync(ct);
            AppImage = await Images.AppImage.BuildAsync(Docker, new AppImageOptions
            {
                ContextDirectory = RootDirectory,
                Repository = ImageName,
                Version = PublishTags.From(Git).Version,
                Revision = Git.Sha,
                Created = Git.CommitTime,
                SdkImage = BaseImageSet!.Sdk.Name,
                RuntimeImage = BaseImageSet.Runtime.Name,
                NoCache = NoCache,
            }, Log.Console, ct);
            await ImageAudit.EnforceAsync(Docker, AppImage.ImageId, Log.Console, AuditOptions.ForHost(),
                cacheDirectory: RootDirectory / ".nuke" / "temp" / "audit", ct: ct);
            Summary.Note($"{AppImage.ShortId}, {BuildDisplay.Megabytes(AppImage.SizeBytes)}, {AppImage.Layers} layers, audited");
        });

    Target SmokeTest => _ => _
        .Description("Run tests/SmokeTests against the exact image Image built: one row per scenario group")
        .DependsOn(Compile, Image)
        .Executes(async ct =>
        {
            var result = await DotNetTest.RunProjectsAsync(DotNet, [RootDirectory / "tests" / "SmokeTests"], TestResultsDirectory,
                new DotNetTestOptions
                {
                    Arguments = ["--configuration", Configuration.ToString()],
                    Environment = new Dictionary<string, string?>(TestImages()) { ["CREDITROBOT_IMAGE"] = AppImage!.ImageId },
                    RowPerClass = true,
                }, Summary, ct);
            foreach (var failed in result.Failures.Where(f => f.Output.Length > 0))
                Log.Error($"--- {failed.Name}: container logs ---{Environment.NewLine}{failed.Output}");
            Summary.Note($"{AppImage.ShortId}: {result.Total}");
            result.ThrowIfFailed();
        });

    Target Publish => _ => _
        .Description("Push the smoke-tested image (never a rebuild) with its version, sha and latest tags; prove it by digest")
        .DependsOn(SmokeTest)
        .Executes(async ct =>
        {
            var tags = PublishTags.From(Git!);
            var registry = string.IsNullOrEmpty(Registry)
                ? await LocalRegistry.EnsureAsync(Docker, new LocalRegistryOptions { Image = BaseImageSet!.Registry!.Name }, Log.Info, ct)
                : new RegistryAddress(Registry);
            var credentials = RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword);
            var published = Published = await new ImagePublisher(Docker, Log.Info).PublishAsync(new PublishRequest
            {
                ImageId = AppImage!.ImageId,
                Registry = registry,
                Repository = Repository,
                Tags = tags.Tags,
                Credentials = credentials,
            }, ct);

            var proof = new PullProof(Docker, Log.Info);
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
            if (DeploymentImage.Problem(KubernetesImage, "--kubernetes-image") is { } problem) throw new BuildException(problem);
            var facts = new DeploymentFacts { Image = KubernetesImage };
            var outcomes = ManifestFiles.Sync(KubernetesManifests.Create(Settings, facts).Files(), RootDirectory, "deploy/kubernetes",
                IsServerBuild, "./build.sh Manifests");
            foreach (var written in outcomes.Where(o => o.State == ManifestFileState.Written)) Log.Warn(written.Message);
            if (outcomes.Where(o => o.State == ManifestFileState.Stale).Select(o => o.Message).ToList() is { Count: > 0 } stale)
                throw new BuildException(string.Join(Environment.NewLine, stale));
            // The checked-in files keep their image (stable in git); the digest this run pushed goes to a copy to apply.
            if (Published is not null)
                ManifestFiles.Write(KubernetesManifests.Create(Settings, facts with { Image = Published.References[0].DigestReference }).Files(),
                    ArtifactsDirectory / "kubernetes");
            Summary.Note($"{outcomes.Count(o => o.State == ManifestFileState.UpToDate)} of {outcomes.Count} unchanged" +
                (Published is null ? "" : $"; artifacts/kubernetes pinned to {Published.References[0].DigestReference}"));
        });

    /// <summary>The server settings from the server.conf parameters: server.conf and the manifests are made from them.</summary>
    ServerSettings Settings => ServerSettings.Defaults with
    {
        Port = ServerPort,
        Workers = ServerSettings.WorkersFor(ServerCpus),
        LogLevel = ServerLogLevel,
        Timeout = ServerTimeout,
        GracefulTimeout = ServerGracefulTimeout,
        Keepalive = ServerKeepalive,
    };

    Target Benchmark => _ => _
        .Description("Measure the image against the seed deployment (Flask + Gunicorn), A B A B; results in artifacts/benchmark")
        .DependsOn(Image)
        .Executes(async ct =>
        {
            var results = await BenchmarkRun.RunAsync(new BenchmarkOptions
            {
                OursImage = AppImage!.ImageId,
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
