using Benchmark;
using Deployment;
using Images;
using Publishing.Push;
using Publishing.Registry;
using Publishing.Versioning;
using Containers;
using TypedBuild;
using BaseImageFinder = Images.BaseImages;

/// <summary>
/// The pipeline of this repository, in the order it runs:
/// Restore → Compile → Test;  Engine → BaseImages → ServerConfig → Image → SmokeTest → Publish → Manifests;  Benchmark.
/// Parameters: Build.Parameters.cs; products handed between targets: Build.Products.cs; image helpers: Build.Images.cs;
/// CI workflows: Build.CI.cs. <c>./build.sh --help</c> lists targets and parameters; <c>./build.sh --plan SmokeTest</c> shows the order.
/// </summary>
internal sealed partial class Build : BuildScript
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.SmokeTest);

    Target Clean => _ => _
        .Description("Delete bin/ and obj/ of every project, and artifacts/")
        .Before(Restore)
        .Executes(() =>
        {
            foreach (var project in new[] { "src", "tests", "bench", "fuzz" }.SelectMany(d => (RootDirectory / d).GlobDirectories("*")))
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
            foreach (var project in await SolutionFile.UnlistedAsync(Solution, TestProjects, ct))
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
            engine = await EngineProvisioner.EnsureAsync(null,
                new EngineProvisionOptions { LogDirectory = RootDirectory / ".nuke" / "temp", HostTools = ThisHost }, new Progress<string>(Log.Info), ct);
            Summary.Note($"{engine.Endpoint}, API {engine.ApiVersion} ({engine.Action}){InstalledHostTools()}");
        });

    Target BaseImages => _ => _
        .Description("SDK, runtime, PostgreSQL (and registry) images: present, else pulled, else bootstrapped from Debian packages")
        .DependsOn(Engine)
        .Executes(async ct =>
        {
            var docker = await DockerAsync(ct);
            bases = await BuildDisplay.RunAsync(Log.Console, p => BaseImageFinder.EnsureAsync(docker, BaseImageOptions, p, ct));
            Summary.Note(string.Join(", ", bases.All.Select(i => $"{i.Role} {i.Source}")) + InstalledHostTools());
        });

    Target ServerConfig => _ => _
        .Description("Render server.conf (the gunicorn.conf.py counterpart) from the --conf-* parameters; refuses a hand-edited file, fails on CI when stale")
        .Executes(() =>
        {
            var outcome = GeneratedFiles.SyncAndReport(ServerConfParameters.Location, [ServerConfParameters.File(ServerConf)],
                RootDirectory, IsServerBuild, Log.Warn).Single();
            Summary.Note(outcome.State == GeneratedFileState.Written ? "server.conf rewritten" : "server.conf unchanged");
            if (outcome.State == GeneratedFileState.Written)
                git = null; // the tree changed: the image's version and Publish's check read it again
        });

    Target Image => _ => _
        .Description("Build the multi-stage Dockerfile through the Engine API, tag <version> and latest, audit the result")
        .DependsOn(BaseImages, ServerConfig)
        .Executes(async ct =>
        {
            var built = appImage = await BuildAppImageAsync(variant: null, NoCache, ct);
            var audit = await ImageAudit.EnforceAsync(await DockerAsync(ct), built.Image,
                cacheDirectory: RootDirectory / ".nuke" / "temp" / "audit", ct: ct);
            Log.Info(audit.Summary);
            Summary.Note($"{built.ShortId}, {BuildDisplay.Megabytes(built.SizeBytes)}, {built.Layers} layers, audited");
        });

    Target CompileSmokeTests => _ => _
        .Description("Build tests/SmokeTests and what it references, not the whole solution (the edit → smoke-tested image loop); " +
                     "skipped when none of their files changed since it last succeeded")
        .Executes(async ct =>
        {
            var (inputs, stamp) = (ProjectInputs.Of(SmokeTestProject, RootDirectory), RootDirectory / ".nuke" / "temp" / "compile-smoketests.stamp");
            var settings = new[] { Configuration.ToString(), EnvironmentVariable("DOTNET_EXE") ?? "dotnet" };
            var built = (SmokeTestProject / "bin" / Configuration.ToString()).GlobDirectories("net*").Any(d => (d / "SmokeTests.dll").FileExists());
            if (built && stamp.FileExists() && await File.ReadAllTextAsync(stamp, ct) == inputs.Fingerprint(settings))
            {
                Summary.Note("up to date: no file of tests/SmokeTests or its references changed since it was built");
                return;
            }
            await DotNet(["build", SmokeTestProject, "--configuration", Configuration.ToString()], ct);
            // Taken again, not reused: the build's restore may have rewritten a lock file.
            await File.WriteAllTextAsync(stamp, inputs.Fingerprint(settings), ct);
        });

    Target SmokeTest => _ => _
        .Description("Run tests/SmokeTests against the exact image Image built: one row per scenario group")
        .DependsOn(CompileSmokeTests, Image)
        .Executes(async ct =>
        {
            var image = await AppImageAsync(ct);
            // PlatformImageTests need another platform's image (PlatformSmokeTest runs them); the soak is ./build.sh Soak.
            var result = await RunSmokeTestsAsync($"FullyQualifiedName!~SmokeTests.PlatformImageTests&Category!={SoakCategory}",
                new Dictionary<string, string?> { [ProjectNames.AppImageVariable] = image.ImageId }, ct);
            Summary.Note($"{image.ShortId}: {result.Total}");
            result.ThrowIfFailed();
        });

    Target Publish => _ => _
        .Description("Push the smoke-tested images (never a rebuild; one OCI index when --platforms names several) with their version, " +
                     "sha and latest tags; prove them by digest; sign and attach SBOM and provenance")
        .DependsOn(SmokeTest, PlatformSmokeTest)
        // Checked before anything runs: on CI a missing REGISTRY variable must fail, not go green on a throw-away registry.
        .Requires(() => IsLocalBuild || LocalRegistryOnCi || !string.IsNullOrEmpty(Registry) ? "ok" : null,
            "a registry on CI: --registry or REGISTRY (on GitHub the repository variable REGISTRY, e.g. ghcr.io), or --local-registry-on-ci for a throw-away one")
        // Before SmokeTest spends minutes: uncommitted changes never publish under the commit's tags.
        .Requires(() => PublishableTree(), "a working tree without uncommitted changes")
        .Executes(async ct =>
        {
            PublishableTree();
            var (docker, image, tags) = (await DockerAsync(ct), await AppImageAsync(ct), PublishTags.From(await GitAsync(ct)));
            using var signingKey = PublishSigningKey();
            var startedOn = DateTimeOffset.UtcNow;
            var registryImage = (await BaseImagesAsync(ct)).Registry?.Name
                                ?? throw new UsageException("Publish to the local registry needs a registry image: set --registry-image, or --registry host:port.");
            var registry = string.IsNullOrEmpty(Registry)
                ? await LocalRegistry.EnsureAsync(docker, new LocalRegistryOptions { Image = registryImage }, Log.Info, ct)
                : new RegistryAddress(Registry);
            var credentials = RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword);
            published = PlatformImagesBuilt.Count > 0
                ? await PublishIndexAsync(docker, registry, credentials, image, tags, ct)
                : await new ImagePublisher(docker, Log.Info).PublishAsync(new PublishRequest
                {
                    ImageId = image.ImageId, Registry = registry, Repository = Repository, Tags = tags.Tags, Credentials = credentials,
                }, ct);

            var proof = new PullProof(docker, Log.Info);
            await proof.PullByDigestAsync(published.References[0], credentials, ct);
            var run = await proof.RunOnceAsync(published.References[0].DigestReference, ct: ct);
            if (!run.Succeeded)
                throw new BuildException($"{published.References[0].DigestReference} was pushed but does not run: exit {run.ExitCode}. {run.Stderr}");
            await AttachProofsAsync(docker, registry, credentials, published, image, signingKey, startedOn, ct);
            Summary.Note(published.Summary);
        });

    Target Manifests => _ => _
        .Description("Write deploy/kubernetes/*.yaml from the --conf-* parameters (stale on CI: a failure); after Publish, a digest-pinned copy in artifacts/kubernetes")
        .After(Publish)
        .Executes(() =>
        {
            var facts = new DeploymentFacts { Image = KubernetesImage, Namespace = KubernetesNamespace };
            var outcomes = GeneratedFiles.SyncAndReport(ManifestsDirectory,
                KubernetesManifests.Create(ServerConf, facts).Files().Select(f => new GeneratedFile(f.Name, f.Content)), RootDirectory, IsServerBuild, Log.Warn);
            // The checked-in files keep their image (stable in git); the digest this run pushed goes to a copy to apply.
            if (published is not null)
                KubernetesManifests.Create(ServerConf, facts with { Image = published.References[0].DigestReference }).WriteTo(ArtifactsDirectory / "kubernetes");
            Summary.Note($"{outcomes.Count(o => o.State == GeneratedFileState.UpToDate)} of {outcomes.Count} unchanged" +
                (published is null ? "" : $"; artifacts/kubernetes pinned to {published.References[0].DigestReference}"));
        });

    Target Benchmark => _ => _
        .Description("Measure the pipeline's budgets (cold, no-op and two-platform Image, the edit loop, Publish's attestations) and " +
                     "the image (and its trimmed JIT variant, for contrast) against the seed deployment (Flask + Gunicorn); results in artifacts/benchmark")
        .DependsOn(Image)
        .Executes(async ct =>
        {
            var options = new BenchmarkOptions
            {
                OursImage = (await AppImageAsync(ct)).ImageId,
                RepositoryRoot = RootDirectory,
                // The cold-Image goal means no layer cache; without it the first timed build would be a near no-op.
                ColdImageArguments = ["--no-cache"],
                TwoPlatformImageArguments = ["PlatformImages", "--platforms", string.Join(",", Images.Platforms.ImagePlatform.Supported)],
                // The local registry, whatever .nuke/parameters.json names: a benchmark never pushes to a real one.
                PublishArguments = ["--skip", nameof(CompileSmokeTests), nameof(SmokeTest), nameof(PlatformSmokeTest),
                    "--platforms", string.Join(",", Images.Platforms.ImagePlatform.Supported), "--registry", ""],
                // The loop before issues 20 and 21 on this run's base images, under its own name (parameters it has too).
                BaselineArguments = await BaselineBenchmarkArgumentsAsync(ct),
            };
            if (BenchmarkPipelineOnly)
            {
                var budgets = await BenchmarkRun.RunPipelineAsync(options, Console.Out, ct);
                Summary.Note($"budgets: {budgets.Count(g => g.Passed == true)} of {budgets.Count} met; artifacts/benchmark/pipeline.md");
                return;
            }
            var jit = BenchmarkAotOnly ? null : await BuildAppImageAsync(variant: "jit", noCache: false, ct);
            var results = await BenchmarkRun.RunAsync(options with { JitImage = jit?.ImageId }, Console.Out, ct);
            Summary.Note($"goals: {results.Goals.Count(g => g.Passed == true)} of {results.Goals.Count} met" +
                         (jit is null ? "" : $"; jit variant {jit.ShortId} compared") + "; artifacts/benchmark/results.md");
        });

    AbsolutePath Solution => RootDirectory / "CreditRobot.slnx";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";
    AbsolutePath SmokeTestProject => RootDirectory / "tests" / "SmokeTests";
    IReadOnlyList<AbsolutePath> TestProjects => [.. (RootDirectory / "tests").GlobDirectories("*.Tests"), .. (RootDirectory / "bench").GlobDirectories("*.Tests")];
    Tool DotNet => ToolFromPath(EnvironmentVariable("DOTNET_EXE") ?? "dotnet");

    static readonly GeneratedDirectory ManifestsDirectory = new("deploy/kubernetes", "*.yaml", KubernetesManifests.GeneratedMarker,
        "the --conf-* parameters and --kubernetes-image (src/Deployment)", "./build.sh Manifests");
}
