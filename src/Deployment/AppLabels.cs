namespace Deployment;

/// <summary>The recommended labels; the selector uses only the name, which never changes for a running Deployment.</summary>
internal static class AppLabels
{
    public static Dictionary<string, string> Selector(DeploymentFacts facts) => new() { ["app.kubernetes.io/name"] = facts.Name };

    public static Dictionary<string, string> All(DeploymentFacts facts) => new(Selector(facts))
    {
        ["app.kubernetes.io/component"] = "web",
        ["app.kubernetes.io/managed-by"] = "creditrobot-build",
    };
}
