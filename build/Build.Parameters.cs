using Deployment;
using Images;
using Publishing.Registry;
using ServerConfig;
using TypedBuild;

/// <summary>The parameters, by concern. <c>./build.sh --help</c> lists them; <c>.nuke/parameters.json</c> keeps lasting values.</summary>
internal sealed partial class Build
{
    // Compile and Test
    [Parameter("Configuration to build and test")]
    readonly Configuration Configuration = Configuration.Debug;

    // Base images and the app image
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

    /// <summary>server.conf: one parameter per key of its settings table (--conf-&lt;key&gt;, CONF_&lt;KEY&gt;, "Conf&lt;Key&gt;").</summary>
    readonly ParameterGroup<ServerSettings> Conf = ServerConfParameters.Create();

    // Publish and Manifests
    [Parameter("Manifests: image the Deployment runs, pinned by digest (registry/repository@sha256:…); default: a placeholder to replace")]
    readonly string KubernetesImage = DeploymentImage.Placeholder;

    [Parameter("Manifests: namespace of every object (the kustomization's namespace:); empty: none, kubectl's -n or context decides")]
    readonly string KubernetesNamespace = NamespaceName.Default;

    [Parameter("Registry to publish to, e.g. ghcr.io; empty: a local registry on 127.0.0.1:5000 that the build starts (not on CI)")]
    readonly string? Registry = null;

    [Parameter("Publish on CI without --registry: push to a throw-away local registry instead of failing")]
    readonly bool LocalRegistryOnCi = false;

    [Parameter("Publish a working tree with uncommitted changes, as <version>-dirty only (never latest, sha-… or the commit's version)")]
    readonly bool PublishDirty = false;

    [Parameter("Repository in the registry (on GitHub: <owner>/<repo> unless the REPOSITORY variable says otherwise)")]
    readonly string Repository = "creditrobot";

    [Parameter("Registry user name")]
    readonly string? RegistryUsername = null;

    [Parameter("Registry password or token"), Secret]
    readonly string? RegistryPassword = null;

    // Benchmark
    [Parameter("Benchmark: measure only the production (AOT) image, without the trimmed JIT variant beside it (about a third less time)")]
    readonly bool BenchmarkAotOnly = false;

    [Parameter("Benchmark: time only the pipeline's budgets (Image cold, no-op and for both platforms, the edit loop, Publish's attestations), " +
               "no image measurements (about 15 minutes instead of an hour)")]
    readonly bool BenchmarkPipelineOnly = false;

    /// <summary>Checked before any target runs (exit 2), whichever targets are planned.</summary>
    protected override IEnumerable<string?> ParameterChecks =>
    [
        Problem(() => RegistryCredentials.FromParameters(RegistryUsername, RegistryPassword)),
        string.IsNullOrEmpty(Registry) ? null : Problem(() => new RegistryAddress(Registry), "--registry: "),
        DeploymentImage.Problem(KubernetesImage, "--kubernetes-image"),
        NamespaceName.Problem(KubernetesNamespace, "--kubernetes-namespace"),
        PlatformsProblem(),
    ];

    static string? Problem(Action check, string where = "")
    {
        try { check(); return null; }
        catch (ArgumentException e) { return where + e.Message; }
    }

    ServerSettings ServerConf => Conf.Value;
}
