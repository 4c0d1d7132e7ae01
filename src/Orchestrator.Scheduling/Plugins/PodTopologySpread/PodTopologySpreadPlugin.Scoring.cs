using System.Collections.Immutable;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>The ScheduleAnyway half: fewer matching pods in a node's domains scores higher.</summary>
public sealed partial class PodTopologySpreadPlugin
{
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = Constraints(pod, UnsatisfiableConstraintAction.ScheduleAnyway, out var systemDefaulted);
        if (constraints.IsEmpty || nodes.Count == 0)
        {
            return Status.Skip;
        }

        // Explicit constraints ignore nodes missing a key; the defaults still score them on the keys they have.
        var requireAll = !systemDefaulted;
        var ignored = new HashSet<string>(StringComparer.Ordinal);

        // One table per constraint, keyed by the domain's value: hashing "zone-a" beats hashing (key, value) pairs.
        var counts = new DomainTable[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            counts[i] = new DomainTable();
        }

        var anyDomain = false;
        var indexes = state.FeasibleIndexes.Span;
        if (!requireAll && indexes.Length == nodes.Count && OnlyHostnameAndZone(constraints))
        {
            // The defaults over the scheduler's feasible nodes: their zones come from the node list's zone column,
            // without touching 500 NodeInfos scattered over the heap. Same tables, filled in the same node order.
            var all = state.Snapshot.Nodes;
            var zones = all.Read();
            for (var i = 0; i < constraints.Length; i++)
            {
                // Once every zone of the cluster is in the table no later node can add one: stop after a handful.
                for (var n = 0; constraints[i].TopologyKey == WellKnownLabels.Zone && n < indexes.Length && counts[i].Count < all.ZoneCount; n++)
                {
                    if (zones.Zone(indexes[n]) is { } zone)
                    {
                        anyDomain |= counts[i].TryAdd(zone);
                    }
                }
            }
        }
        else
        {
            anyDomain = AddDomains(nodes, constraints, requireAll, counts, ignored);
        }

        var weights = new double[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            // More domains, more weight per matching pod: log(domains + 2) keeps a 2-domain key from dominating.
            var size = constraints[i].TopologyKey == WellKnownLabels.Hostname ? nodes.Count - ignored.Count : counts[i].Count;
            weights[i] = Math.Log(size + 2);
        }

        if (anyDomain)
        {
            CountDomainPods(state.Snapshot, pod, constraints, requireAll, counts);
        }

        // The system defaults select the owner's pods, whose count on every node the snapshot keeps as a column.
        var ownerPods = systemDefaulted ? state.Snapshot.PodsOf(constraints[0].OwnerUid!) : null;
        state.Write(PreScoreKey, new ScoreState(constraints, counts, weights, ignored, ownerPods));
        return Status.Success;
    }

    public long Score(CycleState state, PodInfo pod, NodeInfo node) => Score(state.Read<ScoreState>(PreScoreKey), pod, node);

    /// <summary>Score for each node with the PreScore state read once.</summary>
    public void ScoreAll(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        var s = state.Read<ScoreState>(PreScoreKey);
        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = Score(s, pod, nodes[i]);
        }
    }

    /// <summary>
    /// ScoreAll for the system defaults, reading each node's replica count from the snapshot's owner column instead of
    /// the node's own counts: the same numbers in the same double arithmetic, so the same scores.
    /// </summary>
    bool IRowScorePlugin.TryScoreRows(CycleState state, PodInfo pod, NodeList nodes, ReadOnlySpan<int> indexes, Span<long> scores)
    {
        var s = state.Read<ScoreState>(PreScoreKey);
        if (s.OwnerPods is not { } ownerPods || s.Ignored.Count > 0)
        {
            return false;
        }

        if (!OnlyHostnameAndZone(s.Constraints))
        {
            return false;
        }

        // What Score works out per constraint on every node, worked out once: which kind of domain, its weight, and
        // maxSkew - 1 (kept an int, so the sum below converts it exactly as Score does).
        var constraints = s.Constraints.AsSpan();
        Span<bool> isHostname = stackalloc bool[constraints.Length];
        Span<int> skews = stackalloc int[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            isHostname[i] = constraints[i].TopologyKey == WellKnownLabels.Hostname;
            skews[i] = constraints[i].MaxSkew - 1;
        }

        var weights = s.Weights.AsSpan(0, constraints.Length);
        var zones = nodes.Read();
        for (var n = 0; n < indexes.Length; n++)
        {
            var index = indexes[n];
            double score = 0;
            for (var i = 0; i < constraints.Length; i++)
            {
                long count;
                if (isHostname[i])
                {
                    // Every node is in its own hostname domain (SpreadConstraint.TryDomain).
                    count = ownerPods[index];
                }
                else if (zones.Zone(index) is { } zone)
                {
                    // The zone key, read from the node list's column: what TryGetLabel(Zone) returns.
                    count = s.Counts[i].PodsInInterned(zone);
                }
                else
                {
                    continue;
                }

                score += (count * weights[i]) + skews[i];
            }

            scores[n] = (long)Math.Round(score, MidpointRounding.AwayFromZero);
        }

        return true;
    }

    /// <summary>Reverses the raw scores onto 0..100: 100 × (max + min - score) / max, so the emptiest domain gets 100.</summary>
    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        var s = state.Read<ScoreState>(PreScoreKey);

        // Ignored nodes are rare (explicit constraints on nodes missing a key); without any, no node name is looked up.
        var anyIgnored = s.Ignored.Count > 0;
        var min = long.MaxValue;
        long max = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!anyIgnored || !s.Ignored.Contains(nodes[i].Name))
            {
                min = Math.Min(min, scores[i]);
                max = Math.Max(max, scores[i]);
            }
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = anyIgnored && s.Ignored.Contains(nodes[i].Name) ? 0 : Normalized(scores[i], min, max);
        }
    }

    /// <summary>NormalizeScore for one node: fewer matching pods score higher, scaled by the cycle's lowest and highest raw scores.</summary>
    internal static long Normalized(long raw, long min, long max) =>
        max == 0 ? NodeScores.Max : NodeScores.Max * (max + min - raw) / max;

    private static long Score(ScoreState s, PodInfo pod, NodeInfo node)
    {
        if (s.Ignored.Count > 0 && s.Ignored.Contains(node.Name))
        {
            return 0;
        }

        double score = 0;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var constraint = s.Constraints[i];
            if (!SpreadConstraint.TryDomain(node, constraint.TopologyKey, out var value))
            {
                continue;
            }

            var count = constraint.TopologyKey == WellKnownLabels.Hostname
                ? constraint.CountOn(pod, node)
                : s.Counts[i].PodsIn(value);
            score += (count * s.Weights[i]) + (constraint.MaxSkew - 1);
        }

        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    // Every domain the nodes define per constraint; with explicit constraints, a node missing a key is ignored.
    private static bool AddDomains(
        IReadOnlyList<NodeInfo> nodes, ImmutableArray<SpreadConstraint> constraints, bool requireAll, DomainTable[] counts, HashSet<string> ignored)
    {
        var anyDomain = false;
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            if (requireAll && !HasAllDomains(node, constraints))
            {
                ignored.Add(node.Name);
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                var key = constraints[i].TopologyKey;
                if (key != WellKnownLabels.Hostname && node.TryGetLabel(key, out var value))
                {
                    anyDomain |= counts[i].TryAdd(value);
                }
            }
        }

        return anyDomain;
    }

    private static void CountDomainPods(
        Snapshot snapshot, PodInfo pod, ImmutableArray<SpreadConstraint> constraints, bool requireAll, DomainTable[] counts)
    {
        // Zones span nodes that were not sampled or did not fit, so every eligible node in the snapshot counts.
        // The owner defaults only need the nodes running that owner's pods, which the snapshot indexes.
        var anyNode = pod.NodeSelector.IsEmpty && pod.RequiredNodeAffinity.IsDefaultOrEmpty;
        if (constraints[0].OwnerUid is { } owner)
        {
            if (anyNode && OnlyHostnameAndZone(constraints))
            {
                // The sums the walk below makes, kept by the snapshot per owner and zone as pods are assumed.
                var zones = snapshot.ZonePodsOf(owner);
                for (var i = 0; i < constraints.Length; i++)
                {
                    for (var z = 0; constraints[i].TopologyKey == WellKnownLabels.Zone && z < zones.Count; z++)
                    {
                        counts[i].AddPods(zones.DomainAt(z), zones.CountAt(z));
                    }
                }

                return;
            }

            foreach (var (index, pods) in snapshot.PodsOf(owner).Nonzero())
            {
                var node = snapshot.Nodes[index];
                if (anyNode || Plugins.NodeAffinity.NodeAffinityPlugin.Matches(pod, node))
                {
                    Add(node, constraints, counts, _ => pods);
                }
            }

            return;
        }

        foreach (var node in snapshot.Nodes)
        {
            if (node.Pods.IsEmpty
                || !(anyNode || Plugins.NodeAffinity.NodeAffinityPlugin.Matches(pod, node))
                || (requireAll && !HasAllDomains(node, constraints)))
            {
                continue;
            }

            Add(node, constraints, counts, c => c.CountOn(pod, node));
        }
    }

    private static bool OnlyHostnameAndZone(ImmutableArray<SpreadConstraint> constraints)
    {
        foreach (var constraint in constraints)
        {
            if (constraint.TopologyKey is not (WellKnownLabels.Hostname or WellKnownLabels.Zone))
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(NodeInfo node, ImmutableArray<SpreadConstraint> constraints, DomainTable[] counts, Func<SpreadConstraint, int> count)
    {
        for (var i = 0; i < constraints.Length; i++)
        {
            var constraint = constraints[i];
            if (constraint.TopologyKey != WellKnownLabels.Hostname
                && node.TryGetLabel(constraint.TopologyKey, out var value)
                && counts[i].Contains(value))
            {
                counts[i].AddPods(value, count(constraint));
            }
        }
    }

    private sealed record ScoreState(
        ImmutableArray<SpreadConstraint> Constraints,
        DomainTable[] Counts,
        double[] Weights,
        HashSet<string> Ignored,
        OwnerColumn? OwnerPods);
}
