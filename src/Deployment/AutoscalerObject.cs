using k8s.Models;

namespace Deployment;

/// <summary>
/// Scales on CPU against the request: 70 % leaves each pod room for a burst while new pods start (startup is
/// sub-second, so scaling reacts quickly). Memory is no scaling signal here: it stays flat under load (benchmark).
/// </summary>
internal static class AutoscalerObject
{
    public const int TargetCpuUtilizationPercent = 70;

    public static V2HorizontalPodAutoscaler Create(DeploymentFacts facts)
    {
        if (facts.MinReplicas < 1 || facts.MaxReplicas < facts.MinReplicas)
            throw new ArgumentException($"replicas: min {facts.MinReplicas}, max {facts.MaxReplicas} (expected 1 <= min <= max).");
        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = $"{V2HorizontalPodAutoscaler.KubeGroup}/{V2HorizontalPodAutoscaler.KubeApiVersion}",
            Kind = V2HorizontalPodAutoscaler.KubeKind,
            Metadata = new V1ObjectMeta { Name = facts.Name, Labels = AppLabels.All(facts) },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference
                {
                    ApiVersion = $"{V1Deployment.KubeGroup}/{V1Deployment.KubeApiVersion}",
                    Kind = V1Deployment.KubeKind,
                    Name = facts.Name,
                },
                MinReplicas = facts.MinReplicas,
                MaxReplicas = facts.MaxReplicas,
                Metrics =
                [
                    new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource
                        {
                            Name = "cpu",
                            Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = TargetCpuUtilizationPercent },
                        },
                    },
                ],
            },
        };
    }
}
