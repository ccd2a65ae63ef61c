namespace Deployment;

/// <summary>
/// What the manifests need beyond the server settings: facts of the deployment, not of the server.
/// Defaults are the checked-in manifests' values; every number says where it comes from.
/// </summary>
public sealed record DeploymentFacts
{
    /// <summary>Name of every object and the <c>app.kubernetes.io/name</c> label.</summary>
    public string Name { get; init; } = "creditrobot";

    /// <summary>
    /// The image the pods run: by digest after Publish, else <see cref="DeploymentImage.Placeholder"/>. Written into the
    /// kustomization's <c>images:</c> entry, where kustomize users expect to pin it.
    /// </summary>
    public string Image { get; init; } = DeploymentImage.Placeholder;

    /// <summary>The kustomization's <c>namespace:</c>; empty for none (see <see cref="NamespaceName"/>).</summary>
    public string Namespace { get; init; } = NamespaceName.Default;

    /// <summary>Pods at least (HPA minReplicas): two, so one node or one rollout never takes the app away.</summary>
    public int MinReplicas { get; init; } = 2;

    /// <summary>Pods at most (HPA maxReplicas).</summary>
    public int MaxReplicas { get; init; } = 10;

    /// <summary>
    /// Peak memory of one app container under load, in MiB: docs/benchmark/results.md, "Under load" (60 s at 64
    /// connections plus 200 slow clients, <c>--memory=256m</c>): 40.8 → 52.6 MiB. Re-measure with <c>./build.sh Benchmark</c>.
    /// </summary>
    public double MeasuredPeakMemoryMiB { get; init; } = 52.6;

    /// <summary>The Secret holding the database connection; created by the operator, never by the pipeline.</summary>
    public string DatabaseSecretName { get; init; } = "creditrobot-database";

    /// <summary>The key in <see cref="DatabaseSecretName"/>, also the variable the app reads.</summary>
    public string DatabaseSecretKey { get; init; } = "DATABASE_URL";
}
