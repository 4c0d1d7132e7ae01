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

    public PreemptionPolicy PreemptionPolicy { get; init; }

    /// <summary>status.nominatedNodeName: the node preemption made room on while the victims terminate.</summary>
    public string NominatedNodeName { get; init; } = "";

    /// <summary>status.startTime; null (not started yet) counts as the newest pod, as kube-scheduler reads it as now.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Being deleted after the scheduler preempted it (deletionTimestamp plus a DisruptionTarget condition from preemption).</summary>
    public bool TerminatingByPreemption { get; init; }

    /// <summary>The uid when known, else namespace/name: what identifies a pod across snapshots.</summary>
    internal string Key => Uid.Length > 0 ? Uid : $"{Namespace}/{Name}";

    internal long NonZeroMilliCpu => Requests.MilliCpu == 0 ? DefaultMilliCpuRequest : Requests.MilliCpu;

    internal long NonZeroMemory => Requests.Memory == 0 ? DefaultMemoryRequest : Requests.Memory;

    /// <summary>Same pod as Key would say, without building a string on the filter path.</summary>
    internal bool IsSamePod(PodInfo other) =>
        Uid.Length > 0 || other.Uid.Length > 0 ? Uid == other.Uid : Namespace == other.Namespace && Name == other.Name;

    public override string ToString() => $"{Namespace}/{Name}";
}
