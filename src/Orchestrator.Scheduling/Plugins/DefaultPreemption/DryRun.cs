using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>kube-scheduler's DryRunPreemption: victims on each resolvable node, from an offset, until enough candidates are found.</summary>
internal sealed class DryRun(IFrameworkHandle framework, CycleState state, PodInfo pod, DefaultPreemptionArgs args)
{
    private readonly List<Candidate> _nonViolating = [];
    private readonly List<Candidate> _violating = [];

    /// <summary>Candidates that break no budget first, then the rest, each in dry-run order.</summary>
    public List<Candidate> Candidates() => [.. _nonViolating, .. _violating];

    /// <summary>Why each dry-run node yielded no candidate.</summary>
    public Dictionary<string, Status> Statuses { get; } = new(StringComparer.Ordinal);

    public Status? Error { get; private set; }

    public void Run(IReadOnlyDictionary<string, Status> nodeStatuses)
    {
        // Only plain Unschedulable nodes: evicting pods cannot fix a taint, a selector or a cordon.
        var potential = state.Snapshot.Nodes
            .Where(n => nodeStatuses.TryGetValue(n.Name, out var s) && s.Code == StatusCode.Unschedulable)
            .ToList();
        var wanted = args.CandidatesToFind(potential.Count);
        var offset = Offset(pod, potential.Count);
        for (var i = 0; i < potential.Count; i++)
        {
            var node = potential[(offset + i) % potential.Count];
            var status = new VictimSelector(framework, state, pod, node).Select(state.Snapshot.DisruptionBudgets, out var candidate);
            if (status.IsSuccess && candidate!.Victims.IsEmpty)
            {
                status = Status.Error($"expected at least one victim pod on node {node.Name}");
            }

            if (!status.IsSuccess)
            {
                Statuses[node.Name] = status;
                Error ??= status.Code == StatusCode.Error ? status : null;
                continue;
            }

            (candidate!.PdbViolations == 0 ? _nonViolating : _violating).Add(candidate);
            if (_nonViolating.Count > 0 && _nonViolating.Count + _violating.Count >= wanted)
            {
                return;
            }
        }
    }

    // kube-scheduler starts at a random node so preemption spreads over a large cluster. A stable hash
    // (FNV-1a) of the pod spreads as well and replays: the same pod and snapshot give the same victims.
    private static int Offset(PodInfo pod, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        var hash = 2166136261u;
        foreach (var c in pod.Key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}
