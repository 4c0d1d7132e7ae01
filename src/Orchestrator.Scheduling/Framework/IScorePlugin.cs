using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Ranks a feasible node; after NormalizeScore every score must lie in 0..100.</summary>
public interface IScorePlugin : IPlugin
{
    long Score(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Score for every node at once (scores[i] belongs to nodes[i]); the framework calls this rather than Score.</summary>
    /// <remarks>Same results as Score node by node, which is what the default does. A plugin overrides it to read its
    /// cycle state and the pod once per cycle instead of once on each of the hundreds of nodes a cycle scores.</remarks>
    void ScoreAll(CycleState state, PodInfo pod, ReadOnlySpan<NodeInfo> nodes, Span<long> scores)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            scores[i] = Score(state, pod, nodes[i]);
        }
    }

    /// <summary>Rescales all nodes' raw scores together; scores[i] belongs to nodes[i]. Plugins already in 0..100 keep the default.</summary>
    void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
    }
}
