namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>How many nodes preemption dry-runs before choosing: kube-scheduler's minCandidateNodesPercentage and minCandidateNodesAbsolute.</summary>
public sealed record DefaultPreemptionArgs
{
    public static DefaultPreemptionArgs Default { get; } = new();

    public int MinCandidateNodesPercentage { get; init; } = 10;

    public int MinCandidateNodesAbsolute { get; init; } = 100;

    /// <summary>Candidates to find before stopping: the larger of the two minimums, never more than the nodes there are.</summary>
    internal int CandidatesToFind(int potentialNodes) =>
        Math.Min(potentialNodes, Math.Max(MinCandidateNodesAbsolute, potentialNodes * MinCandidateNodesPercentage / 100));

    internal void Validate()
    {
        if (MinCandidateNodesPercentage is < 0 or > 100 || MinCandidateNodesAbsolute < 0
            || (MinCandidateNodesPercentage == 0 && MinCandidateNodesAbsolute == 0))
        {
            throw new ArgumentException("minCandidateNodesPercentage must be 0..100, minCandidateNodesAbsolute at least 0, and not both 0");
        }
    }
}
