using k8s.Models;
using ServerConfig;

namespace Deployment;

/// <summary>
/// The app's settings as <c>SERVER_&lt;KEY&gt;</c> variables, every key of the settings table in its order: the
/// Deployment says exactly what the pod runs with, whatever server.conf the image carries, and a reviewer sees the
/// values that the probes and the grace period were derived from. <c>DATABASE_URL</c> comes from a Secret reference,
/// so no connection string is ever written into a manifest or the repository.
/// </summary>
internal static class AppEnvironment
{
    public static List<V1EnvVar> For(ServerSettings settings, DeploymentFacts facts) =>
    [
        .. SettingsTable.All.Select(s => new V1EnvVar { Name = s.EnvironmentVariable, Value = s.Format(settings) }),
        new V1EnvVar
        {
            Name = "DATABASE_URL",
            ValueFrom = new V1EnvVarSource
            {
                SecretKeyRef = new V1SecretKeySelector { Name = facts.DatabaseSecretName, Key = facts.DatabaseSecretKey, Optional = false },
            },
        },
    ];
}
