using k8s.Models;

namespace Deployment;

/// <summary>A ClusterIP Service on port 80 to the container's named port: a changed server port needs no Service edit.</summary>
internal static class ServiceObject
{
    public static V1Service Create(DeploymentFacts facts) => new()
    {
        ApiVersion = V1Service.KubeApiVersion,
        Kind = V1Service.KubeKind,
        Metadata = new V1ObjectMeta { Name = facts.Name, Labels = AppLabels.All(facts) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = AppLabels.Selector(facts),
            Ports = [new V1ServicePort { Name = DeploymentObject.PortName, Port = 80, TargetPort = DeploymentObject.PortName, Protocol = "TCP" }],
        },
    };
}
