using k8s.Models;

namespace Deployment;

/// <summary>
/// Node drains and cluster upgrades evict at most one pod at a time, so the app keeps serving through them.
/// <c>maxUnavailable</c> rather than <c>minAvailable</c>: it stays right when the autoscaler changes the count.
/// </summary>
internal static class DisruptionBudgetObject
{
    public static V1PodDisruptionBudget Create(DeploymentFacts facts) => new()
    {
        ApiVersion = $"{V1PodDisruptionBudget.KubeGroup}/{V1PodDisruptionBudget.KubeApiVersion}",
        Kind = V1PodDisruptionBudget.KubeKind,
        Metadata = new V1ObjectMeta { Name = facts.Name, Labels = AppLabels.All(facts) },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = AppLabels.Selector(facts) },
        },
    };
}
