using k8s.Models;

namespace Deployment;

/// <summary>
/// Ingress to the pods only on the app's port (from any source: the ingress controller's namespace is the cluster's
/// choice). Anything else listening in the pod later (a debug port, a sidecar) is unreachable by default. Egress is
/// left open: the database may live anywhere, and a wrong egress rule would fail readiness in ways this repo cannot test.
/// </summary>
internal static class NetworkPolicyObject
{
    public static V1NetworkPolicy Create(DeploymentFacts facts) => new()
    {
        ApiVersion = $"{V1NetworkPolicy.KubeGroup}/{V1NetworkPolicy.KubeApiVersion}",
        Kind = V1NetworkPolicy.KubeKind,
        Metadata = new V1ObjectMeta { Name = facts.Name, Labels = AppLabels.All(facts) },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = AppLabels.Selector(facts) },
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    Ports = [new V1NetworkPolicyPort { Port = DeploymentObject.PortName, Protocol = "TCP" }],
                },
            ],
        },
    };
}
