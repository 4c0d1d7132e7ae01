using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>A score plugin that can score from the snapshot's node rows by index, with the same scores ScoreAll gives.</summary>
internal interface IRowScorePlugin
{
    /// <summary>Scores nodes[indexes[i]] into scores[i]; false, with nothing written, when this cycle needs ScoreAll.</summary>
    bool TryScoreRows(CycleState state, PodInfo pod, NodeList nodes, ReadOnlySpan<int> indexes, Span<long> scores);
}
