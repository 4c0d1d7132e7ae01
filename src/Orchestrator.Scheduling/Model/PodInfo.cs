using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>The parts of a pod the scheduler reads: identity, owner, labels, requests and placement rules.</summary>
public sealed record PodInfo
{
    public const string DefaultSchedulerName = "default-scheduler";

    // kube-scheduler scores a pod that requests nothing as if it asked for this much, so that
    // best-effort pods still count toward how full a node looks.
    internal const long DefaultMilliCpuRequest = 100;
    internal const long DefaultMemoryRequest = 200L * 1024 * 1024;

    public string Namespace { get; init; } = "default";

    public required string Name { get; init; }

    public string Uid { get; init; } = "";

    public OwnerReference? Owner { get; init; }

    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;

    public int Priority { get; init; }

    /// <summary>Sum of container requests (plus overhead); the pod always counts as one toward a node's pods.</summary>
    public Resources Requests { get; init; }

    public string NodeName { get; init; } = "";

    public ImmutableDictionary<string, string> NodeSelector { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>requiredDuringSchedulingIgnoredDuringExecution terms, ORed; empty means no requirement.</summary>
    public ImmutableArray<NodeSelectorTerm> RequiredNodeAffinity { get; init; } = [];

    public ImmutableArray<PreferredSchedulingTerm> PreferredNodeAffinity { get; init; } = [];

    public ImmutableArray<Toleration> Tolerations { get; init; } = [];

    public ImmutableArray<TopologySpreadConstraint> TopologySpreadConstraints { get; init; } = [];

    public ImmutableArray<PodAntiAffinityTerm> RequiredAntiAffinity { get; init; } = [];

    public string SchedulerName { get; init; } = DefaultSchedulerName;

    internal long NonZeroMilliCpu => Requests.MilliCpu == 0 ? DefaultMilliCpuRequest : Requests.MilliCpu;

    internal long NonZeroMemory => Requests.Memory == 0 ? DefaultMemoryRequest : Requests.Memory;

    public override string ToString() => $"{Namespace}/{Name}";
}
