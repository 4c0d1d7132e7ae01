using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Ranks a feasible node; after NormalizeScore every score must lie in 0..100.</summary>
public interface IScorePlugin : IPlugin
{
    long Score(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Rescales all nodes' raw scores together; scores[i] belongs to nodes[i]. Plugins already in 0..100 keep the default.</summary>
    void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
    }
}
