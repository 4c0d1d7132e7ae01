using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Tests.Testing;

/// <summary>Builds pods for tests; requests are milli-cpu and Mi of memory.</summary>
internal sealed class PodBuilder
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private PodInfo _pod;

    private PodBuilder(PodInfo pod)
    {
        _pod = pod;
    }

    public static PodBuilder Named(string name) => new(new PodInfo { Name = name, Uid = "uid-" + name });

    public static implicit operator PodInfo(PodBuilder builder) => builder._pod;

    public PodBuilder Requests(long milliCpu, long memoryMi) =>
        With(_pod with { Requests = _pod.Requests with { MilliCpu = milliCpu, Memory = memoryMi * NodeBuilder.Mi } });

    public PodBuilder Extended(string name, long quantity) =>
        With(_pod with { Requests = _pod.Requests with { Extended = (_pod.Requests.Extended ?? ImmutableDictionary<string, long>.Empty).SetItem(name, quantity) } });

    public PodBuilder Label(string key, string value) => With(_pod with { Labels = _pod.Labels.SetItem(key, value) });

    public PodBuilder OwnedBy(string uid) => With(_pod with { Owner = new OwnerReference("ReplicaSet", uid) });

    public PodBuilder InNamespace(string ns) => With(_pod with { Namespace = ns });

    public PodBuilder OnNode(string node) => With(_pod with { NodeName = node });

    public PodBuilder Tolerates(Toleration toleration) => With(_pod with { Tolerations = _pod.Tolerations.Add(toleration) });

    public PodBuilder NodeSelector(string key, string value) => With(_pod with { NodeSelector = _pod.NodeSelector.SetItem(key, value) });

    public PodBuilder Requires(params NodeSelectorTerm[] terms) => With(_pod with { RequiredNodeAffinity = _pod.RequiredNodeAffinity.AddRange(terms) });

    public PodBuilder Prefers(int weight, params NodeSelectorRequirement[] expressions) =>
        With(_pod with { PreferredNodeAffinity = _pod.PreferredNodeAffinity.Add(new PreferredSchedulingTerm(weight, new NodeSelectorTerm(expressions))) });

    public PodBuilder Spread(int maxSkew, string key, UnsatisfiableConstraintAction action, params (string Key, string Value)[] selector) =>
        With(_pod with { TopologySpreadConstraints = _pod.TopologySpreadConstraints.Add(new TopologySpreadConstraint(maxSkew, key, action, LabelSelector.Of(selector))) });

    public PodBuilder AntiAffinity(params (string Key, string Value)[] selector) =>
        With(_pod with { RequiredAntiAffinity = _pod.RequiredAntiAffinity.Add(new PodAntiAffinityTerm(LabelSelector.Of(selector))) });

    public PodBuilder SchedulerName(string name) => With(_pod with { SchedulerName = name });

    public PodBuilder Priority(int priority) => With(_pod with { Priority = priority });

    public PodBuilder NeverPreempts() => With(_pod with { PreemptionPolicy = PreemptionPolicy.Never });

    /// <summary>status.startTime, in minutes after a fixed epoch so tests replay.</summary>
    public PodBuilder StartedAt(int minute) => With(_pod with { StartTime = Epoch.AddMinutes(minute) });

    public PodBuilder NominatedTo(string node) => With(_pod with { NominatedNodeName = node });

    public PodBuilder TerminatingByPreemption() => With(_pod with { TerminatingByPreemption = true });

    public PodInfo Build() => _pod;

    private PodBuilder With(PodInfo pod)
    {
        _pod = pod;
        return this;
    }
}
