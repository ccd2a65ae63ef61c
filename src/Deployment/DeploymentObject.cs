using k8s.Models;
using ServerConfig;

namespace Deployment;

/// <summary>The app's Deployment: every value derived from the server settings and the deployment facts.</summary>
internal static class DeploymentObject
{
    public const string PortName = "http";
    public const string ContainerName = "app";

    public static V1Deployment Create(ServerSettings settings, DeploymentFacts facts)
    {
        if (settings.Port == 0)
            throw new ArgumentException("bind: port 0 picks a free port at start, which a Service and probes cannot follow (expected a fixed port, e.g. bind = 0.0.0.0:8080).");
        var shutdown = ShutdownTiming.From(settings);
        return new V1Deployment
        {
            ApiVersion = $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}",
            Kind = V1Deployment.KubeKind,
            Metadata = new V1ObjectMeta { Name = facts.Name, Labels = AppLabels.All(facts) },
            Spec = new V1DeploymentSpec
            {
                // No replicas: the HorizontalPodAutoscaler owns the count; a replicas field here would reset it on every apply.
                Selector = new V1LabelSelector { MatchLabels = AppLabels.Selector(facts) },
                RevisionHistoryLimit = 5,
                // A new pod must be ready before an old one goes: a rollout never lowers capacity, and a bad image
                // (failing startup or readiness) stops the rollout with every old pod still serving.
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = AppLabels.All(facts) },
                    Spec = PodSpec(settings, facts, shutdown),
                },
            },
        };
    }

    private static V1PodSpec PodSpec(ServerSettings settings, DeploymentFacts facts, ShutdownTiming shutdown) => new()
    {
        // The app calls no Kubernetes API: no token to steal. No service links: no FOO_SERVICE_HOST variables,
        // which would also reach SERVER_* parsing if a Service were ever called "server".
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        TerminationGracePeriodSeconds = shutdown.TerminationGracePeriodSeconds,
        TopologySpreadConstraints = TopologySpread.For(facts),
        SecurityContext = PodSecurity.Pod(),
        Containers =
        [
            new V1Container
            {
                Name = ContainerName,
                // The kustomization's images: entry turns the name into the pinned reference (KustomizeImage).
                Image = DeploymentImage.KustomizeName,
                ImagePullPolicy = "IfNotPresent",
                Ports = [new V1ContainerPort { Name = PortName, ContainerPort = settings.Port, Protocol = "TCP" }],
                Env = AppEnvironment.For(settings, facts),
                Resources = ResourceSizing.From(settings, facts).ToKubernetes(),
                StartupProbe = Probes.Startup(PortName),
                ReadinessProbe = Probes.Readiness(PortName),
                LivenessProbe = Probes.Liveness(PortName),
                Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = shutdown.PreStopSeconds } } },
                SecurityContext = PodSecurity.Container(),
                VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
            },
        ],
        // The only writable path: ASP.NET Core buffers large request bodies to temporary files and .NET puts its
        // diagnostics socket there. Bounded, so a runaway writer is evicted instead of filling the node's disk.
        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }],
    };
}
