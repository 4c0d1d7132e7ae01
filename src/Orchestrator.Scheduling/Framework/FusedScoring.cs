using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.NodeAffinity;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Plugins.TaintToleration;

namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// What a profile of in-tree score plugins works out per node, written as arithmetic on node rows, so the scheduler can
/// score feasible nodes while it filters them instead of in one pass per plugin; built once per profile, null when a
/// profile has a plugin (or an argument) this does not reproduce exactly.
/// </summary>
/// <remarks>
/// Reproduces TaintToleration on an untainted cluster, NodeAffinity without preferred terms, NodeResourcesFit's
/// MostAllocated over cpu and memory, and PodTopologySpread's system defaults over hostname and zone: the same integer
/// and double steps the plugins' row paths take, so the same scores, totals and host. Anything else (a tainted node,
/// preferred affinity, explicit spread constraints) goes through the plugins.
/// </remarks>
internal sealed class FusedScoring
{
    /// <summary>TaintToleration's normalized score on an untainted cluster: every raw count is 0, reversed to the maximum.</summary>
    public const long TaintScore = NodeScores.Max;

    private readonly bool[] _isHostname;
    private readonly int[] _skews;

    private FusedScoring(ProfileFramework framework, (long Cpu, long Memory) fitWeights, ImmutableArray<TopologySpreadConstraint> spread)
    {
        Columns = framework.Score.Length;
        TaintColumn = ColumnOf<TaintTolerationPlugin>(framework);
        AffinityColumn = ColumnOf<NodeAffinityPlugin>(framework);
        FitColumn = ColumnOf<NodeResourcesFitPlugin>(framework);
        SpreadColumn = ColumnOf<PodTopologySpreadPlugin>(framework);
        TaintWeight = TaintColumn < 0 ? 0 : framework.ScoreWeights[TaintColumn];
        FitWeight = FitColumn < 0 ? 0 : framework.ScoreWeights[FitColumn];
        SpreadWeight = SpreadColumn < 0 ? 0 : framework.ScoreWeights[SpreadColumn];
        (FitCpuWeight, FitMemoryWeight) = fitWeights;

        // Only the ScheduleAnyway defaults score; a DoNotSchedule default makes PodTopologySpread a filter without a
        // row check, which keeps such pods off the fused path anyway.
        var scoring = spread.IsDefault ? [] : spread.Where(c => c.WhenUnsatisfiable == UnsatisfiableConstraintAction.ScheduleAnyway).ToArray();
        _isHostname = [.. scoring.Select(c => c.TopologyKey == WellKnownLabels.Hostname)];
        _skews = [.. scoring.Select(c => c.MaxSkew - 1)];
        ChecksAffinity = framework.PreScore.Any(p => p is NodeAffinityPlugin);
        ChecksSpread = framework.PreScore.Any(p => p is PodTopologySpreadPlugin);
    }

    public int Columns { get; }

    /// <summary>Each plugin's place in the score table, -1 when the profile does not score with it.</summary>
    public int TaintColumn { get; }

    public int AffinityColumn { get; }

    public int FitColumn { get; }

    public int SpreadColumn { get; }

    public long TaintWeight { get; }

    public long FitWeight { get; }

    public long SpreadWeight { get; }

    public long FitCpuWeight { get; }

    public long FitMemoryWeight { get; }

    private bool ChecksAffinity { get; }

    private bool ChecksSpread { get; }

    /// <summary>The fused scoring of the framework's plugins, or null when one of them is not reproduced here.</summary>
    public static FusedScoring? TryCreate(ProfileFramework framework)
    {
        // A Reserve plugin could read what PreScore wrote to the cycle state, which the fused path does not write.
        if (!framework.Reserve.IsEmpty
            || framework.PreScore.Any(p => p is not (TaintTolerationPlugin or NodeAffinityPlugin or PodTopologySpreadPlugin))
            || framework.Score.Any(p => p is not (TaintTolerationPlugin or NodeAffinityPlugin or NodeResourcesFitPlugin or PodTopologySpreadPlugin))
            || framework.Score.GroupBy(p => p.GetType()).Any(g => g.Count() > 1)
            || framework.PreScore.GroupBy(p => p.GetType()).Any(g => g.Count() > 1))
        {
            return null;
        }

        (long, long) fitWeights = (0, 0);
        if (framework.Score.OfType<NodeResourcesFitPlugin>().FirstOrDefault() is { } fit)
        {
            if (fit.MostAllocatedCpuMemoryWeights is not { } weights)
            {
                return null;
            }

            fitWeights = weights;
        }

        var spread = framework.PreScore.OfType<PodTopologySpreadPlugin>().FirstOrDefault()?.DefaultConstraints ?? [];

        // Raw scores stay at or above zero only with maxSkew >= 1, which the min/max shortcut and the range check rely on.
        if (!spread.IsDefault && spread.Any(c => c.TopologyKey is not (WellKnownLabels.Hostname or WellKnownLabels.Zone) || c.MaxSkew < 1))
        {
            return null;
        }

        return new FusedScoring(framework, fitWeights, spread);
    }

    /// <summary>Whether this cycle's pod and cluster are ones the fused path scores exactly as the plugins would.</summary>
    public bool Serves(PodInfo pod, NodeList nodes) =>
        (!ChecksAffinity || pod.PreferredNodeAffinity.IsDefaultOrEmpty)
        && (!ChecksSpread || pod.TopologySpreadConstraints.IsDefaultOrEmpty)
        && (TaintColumn < 0 || nodes.TaintedCount == 0);

    /// <summary>Whether PodTopologySpread scores the pod: only an owned pod gets the system defaults, else PreScore skips.</summary>
    public bool Spreads(PodInfo pod) => SpreadColumn >= 0 && pod.Owner is not null && _skews.Length > 0;

    /// <summary>PodTopologySpread's raw score for a node from its owner's pods on it and in its zone, with the cycle's weights.</summary>
    /// <remarks>The plugin's row path term for term (long count times double weight, plus maxSkew - 1, in constraint order).</remarks>
    public long SpreadRaw(long hostPods, long zonePods, bool hasZone, double hostWeight, double zoneWeight)
    {
        double score = 0;
        for (var i = 0; i < _skews.Length; i++)
        {
            if (_isHostname[i])
            {
                score += (hostPods * hostWeight) + _skews[i];
            }
            else if (hasZone)
            {
                score += (zonePods * zoneWeight) + _skews[i];
            }
        }

        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    /// <summary>PodTopologySpread.NormalizeScore for one node, given the cycle's lowest and highest raw scores.</summary>
    public static long SpreadNormalized(long raw, long min, long max) => PodTopologySpreadPlugin.Normalized(raw, min, max);

    private static int ColumnOf<T>(ProfileFramework framework)
    {
        for (var p = 0; p < framework.Score.Length; p++)
        {
            if (framework.Score[p] is T)
            {
                return p;
            }
        }

        return -1;
    }
}
