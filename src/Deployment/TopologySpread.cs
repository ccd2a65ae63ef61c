using k8s.Models;

namespace Deployment;

/// <summary>
/// Where the scheduler puts the pods, so that losing one node (or one zone) never takes every pod with it.
/// <list type="bullet">
/// <item>Nodes: at most one pod more on any node than on the emptiest, and a pod that would break that waits
/// (<c>DoNotSchedule</c>). With the HPA's two pods at least and two nodes or more, no node ever holds both, and the
/// PodDisruptionBudget's one eviction at a time then leaves a pod serving on another node. A preference
/// (<c>ScheduleAnyway</c>) would let a busy scheduler put both pods on one node; required pod anti-affinity would cap
/// the autoscaler at one pod per node.</item>
/// <item>Zones: spread when nodes carry <c>topology.kubernetes.io/zone</c>, as a preference only: a cluster in one
/// zone, or with zones of unequal size, must still schedule every pod.</item>
/// <item><c>nodeTaintsPolicy: Honor</c>: a node the pod cannot run on (a tainted control plane, a reserved pool) is
/// no domain; counted, its zero pods would hold every other node to one pod and stall the autoscaler.</item>
/// <item><c>matchLabelKeys: pod-template-hash</c>: each rollout's pods are spread among themselves; counted together
/// with the old pods, the new ones could end up on one node once the old ones are gone.</item>
/// </list>
/// </summary>
internal static class TopologySpread
{
    public const string NodeKey = "kubernetes.io/hostname";
    public const string ZoneKey = "topology.kubernetes.io/zone";

    public static List<V1TopologySpreadConstraint> For(DeploymentFacts facts) =>
    [
        Constraint(NodeKey, "DoNotSchedule", facts),
        Constraint(ZoneKey, "ScheduleAnyway", facts),
    ];

    private static V1TopologySpreadConstraint Constraint(string topologyKey, string whenUnsatisfiable, DeploymentFacts facts) => new()
    {
        TopologyKey = topologyKey,
        MaxSkew = 1,
        WhenUnsatisfiable = whenUnsatisfiable,
        LabelSelector = new V1LabelSelector { MatchLabels = AppLabels.Selector(facts) },
        MatchLabelKeys = ["pod-template-hash"],
        NodeTaintsPolicy = "Honor",
    };
}
