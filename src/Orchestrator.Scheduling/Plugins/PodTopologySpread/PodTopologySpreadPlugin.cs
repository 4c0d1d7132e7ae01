using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>Enforces DoNotSchedule spread constraints, scores ScheduleAnyway ones, and spreads replicas of one owner by default.</summary>
public sealed partial class PodTopologySpreadPlugin : IPreFilterExtensions, IFilterPlugin, IPreScorePlugin, IScorePlugin, IRowScorePlugin
{
    public const string PluginName = "PodTopologySpread";
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";

    private const string PreFilterKey = "PreFilter" + PluginName;
    private const string PreScoreKey = "PreScore" + PluginName;

    private readonly PodTopologySpreadArgs _args;

    public PodTopologySpreadPlugin(PodTopologySpreadArgs args)
    {
        _args = args;
    }

    public string Name => PluginName;

    /// <summary>The constraints an owned pod that declares none is spread by, for the framework's fused scoring.</summary>
    internal ImmutableArray<TopologySpreadConstraint> DefaultConstraints => _args.DefaultConstraints;

    public Status PreFilter(CycleState state, PodInfo pod)
    {
        var constraints = Constraints(pod, UnsatisfiableConstraintAction.DoNotSchedule, out _);
        if (constraints.IsEmpty)
        {
            return Status.Skip;
        }

        var counts = new Dictionary<(string Key, string Value), int>();
        foreach (var node in state.Snapshot.Nodes)
        {
            // Only nodes the pod could land on define domains, so a skew is never measured against an unreachable zone.
            if (!Plugins.NodeAffinity.NodeAffinityPlugin.Matches(pod, node) || !HasAllDomains(node, constraints))
            {
                continue;
            }

            foreach (var constraint in constraints)
            {
                SpreadConstraint.TryDomain(node, constraint.TopologyKey, out var value);
                var pair = (constraint.TopologyKey, value);
                counts[pair] = counts.GetValueOrDefault(pair) + constraint.CountOn(pod, node);
            }
        }

        var minimum = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((key, _), count) in counts)
        {
            minimum[key] = minimum.TryGetValue(key, out var current) ? Math.Min(current, count) : count;
        }

        state.Write(PreFilterKey, new FilterState(constraints, counts, minimum));
        return Status.Success;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(PreFilterKey);
        foreach (var constraint in s.Constraints)
        {
            if (!SpreadConstraint.TryDomain(node, constraint.TopologyKey, out var value))
            {
                return Status.Unresolvable(ErrReasonNodeLabelNotMatch);
            }

            var self = constraint.Selects(pod, pod) ? 1 : 0;
            var matching = s.Counts.GetValueOrDefault((constraint.TopologyKey, value));
            var skew = matching + self - s.Minimum.GetValueOrDefault(constraint.TopologyKey);
            if (skew > constraint.MaxSkew)
            {
                return Status.Unschedulable(ErrReasonConstraintsNotMatch);
            }
        }

        return Status.Success;
    }

    private ImmutableArray<SpreadConstraint> Constraints(PodInfo pod, UnsatisfiableConstraintAction action, out bool systemDefaulted)
    {
        systemDefaulted = false;
        if (!pod.TopologySpreadConstraints.IsDefaultOrEmpty)
        {
            return [.. pod.TopologySpreadConstraints.Where(c => c.WhenUnsatisfiable == action).Select(SpreadConstraint.Explicit)];
        }

        // Like kube-scheduler's system defaults, but "same workload" is the owner, not a Service or ReplicaSet selector.
        if (pod.Owner is null || _args.DefaultConstraints.IsDefaultOrEmpty)
        {
            return [];
        }

        systemDefaulted = true;

        // Asked twice a decision (PreFilter for DoNotSchedule, PreScore for ScheduleAnyway) and the defaults are all
        // ScheduleAnyway: counting first lets the PreFilter ask allocate nothing.
        var defaults = _args.DefaultConstraints;
        var matching = 0;
        foreach (var c in defaults)
        {
            matching += c.WhenUnsatisfiable == action ? 1 : 0;
        }

        if (matching == 0)
        {
            return [];
        }

        var result = new SpreadConstraint[matching];
        var next = 0;
        foreach (var c in defaults)
        {
            if (c.WhenUnsatisfiable == action)
            {
                result[next++] = SpreadConstraint.ForOwner(c, pod.Owner.Uid);
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static bool HasAllDomains(NodeInfo node, ImmutableArray<SpreadConstraint> constraints)
    {
        foreach (var constraint in constraints)
        {
            if (!SpreadConstraint.TryDomain(node, constraint.TopologyKey, out _))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record FilterState(
        ImmutableArray<SpreadConstraint> Constraints,
        Dictionary<(string Key, string Value), int> Counts,
        Dictionary<string, int> Minimum) : IStateData
    {
        public IStateData Copy() => new FilterState(Constraints, new(Counts), new(Minimum, StringComparer.Ordinal));
    }
}
