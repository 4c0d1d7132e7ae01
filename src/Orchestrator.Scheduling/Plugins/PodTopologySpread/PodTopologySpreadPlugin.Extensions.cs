using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>Keeps the PreFilter counts true while preemption removes victims or nominated pods are added.</summary>
public sealed partial class PodTopologySpreadPlugin
{
    public Status AddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) => Update(state, pod, added, node, +1);

    public Status RemovePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) => Update(state, pod, removed, node, -1);

    private static Status Update(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, int delta)
    {
        // Only nodes PreFilter counted define domains; a pod elsewhere moves no count.
        if (!state.TryRead<FilterState>(PreFilterKey, out var s)
            || !Plugins.NodeAffinity.NodeAffinityPlugin.Matches(pod, node)
            || !HasAllDomains(node, s.Constraints))
        {
            return Status.Success;
        }

        foreach (var constraint in s.Constraints)
        {
            if (!constraint.Selects(pod, changed))
            {
                continue;
            }

            SpreadConstraint.TryDomain(node, constraint.TopologyKey, out var value);
            var pair = (constraint.TopologyKey, value);
            var count = s.Counts.GetValueOrDefault(pair) + delta;
            s.Counts[pair] = count;
            if (!s.Minimum.TryGetValue(constraint.TopologyKey, out var minimum) || count < minimum)
            {
                s.Minimum[constraint.TopologyKey] = count;
            }
            else if (delta > 0 && count - 1 == minimum)
            {
                // The domain may have been the only one at the minimum; rescanning is rare and only on what-ifs.
                s.Minimum[constraint.TopologyKey] = s.Counts.Where(c => c.Key.Key == constraint.TopologyKey).Min(c => c.Value);
            }
        }

        return Status.Success;
    }
}
