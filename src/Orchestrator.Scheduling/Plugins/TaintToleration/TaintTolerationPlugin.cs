using System.Collections.Immutable;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.TaintToleration;

/// <summary>Filters nodes with an untolerated NoSchedule/NoExecute taint; scores fewer untolerated PreferNoSchedule taints higher.</summary>
public sealed class TaintTolerationPlugin : IFilterPlugin, IRowFilter, IPreScorePlugin, IScorePlugin, IRowScorePlugin
{
    public const string PluginName = "TaintToleration";

    private const string PreScoreKey = "PreScore" + PluginName;

    private static readonly Tolerations NoTolerations = new([]);

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        foreach (var taint in node.Taints)
        {
            if (taint.Effect is TaintEffect.NoSchedule or TaintEffect.NoExecute && !Tolerated(pod.Tolerations, taint))
            {
                // Only the first untolerated taint is named, as kube-scheduler does.
                return Status.Unresolvable($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}");
            }
        }

        return Status.Success;
    }

    /// <summary>A node without NoSchedule or NoExecute taints passes any pod; one with them is checked by Filter.</summary>
    bool IRowFilter.TryConstrain(PodInfo pod, ref NodePrecheck precheck)
    {
        precheck.Rejected |= NodeFlags.NoScheduleTaints;
        return true;
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        // Most pods tolerate nothing: they share one empty state instead of a LINQ pass and a record each decision.
        var preferNoSchedule = pod.Tolerations.IsDefaultOrEmpty
            ? NoTolerations
            : new Tolerations(pod.Tolerations.Where(t => t.Effect is TaintEffect.None or TaintEffect.PreferNoSchedule).ToImmutableArray());
        state.Write(PreScoreKey, preferNoSchedule);
        return Status.Success;
    }

    /// <summary>The raw score is the count of untolerated PreferNoSchedule taints; NormalizeScore reverses it.</summary>
    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        node.Taints.IsDefaultOrEmpty ? 0 : Untolerated(state.Read<Tolerations>(PreScoreKey).Items, node);

    /// <summary>Score for each node; the tolerations are read from the cycle state once, and only if some node has taints.</summary>
    public void ScoreAll(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        ImmutableArray<Toleration>? tolerations = null;
        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            scores[i] = node.Taints.IsDefaultOrEmpty ? 0 : Untolerated(tolerations ??= state.Read<Tolerations>(PreScoreKey).Items, node);
        }
    }

    /// <summary>ScoreAll without touching untainted nodes: their rows say they have no taints, so they score 0.</summary>
    bool IRowScorePlugin.TryScoreRows(CycleState state, PodInfo pod, NodeList nodes, ReadOnlySpan<int> indexes, Span<long> scores)
    {
        if (nodes.TaintedCount == 0)
        {
            // What the loop below gives when no row has a taint, without reading 500 rows for it.
            scores[..indexes.Length].Clear();
            return true;
        }

        ImmutableArray<Toleration>? tolerations = null;
        var rows = nodes.Read();
        for (var i = 0; i < indexes.Length; i++)
        {
            scores[i] = (rows.Row(indexes[i]).Flags & NodeFlags.Taints) == 0
                ? 0
                : Untolerated(tolerations ??= state.Read<Tolerations>(PreScoreKey).Items, nodes[indexes[i]]);
        }

        return true;
    }

    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) =>
        NodeScores.DefaultNormalize(scores, reverse: true);

    private static long Untolerated(ImmutableArray<Toleration> tolerations, NodeInfo node)
    {
        long count = 0;
        foreach (var taint in node.Taints)
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule && !Tolerated(tolerations, taint))
            {
                count++;
            }
        }

        return count;
    }

    private static bool Tolerated(ImmutableArray<Toleration> tolerations, Taint taint)
    {
        foreach (var toleration in tolerations)
        {
            if (toleration.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Tolerations(ImmutableArray<Toleration> Items);
}
