namespace Orchestrator.Scheduling.Framework;

/// <summary>kube-scheduler's rule for how many feasible nodes are enough to stop filtering in a large cluster.</summary>
internal static class NodeSampling
{
    private const int MinFeasibleNodes = 100;
    private const int MinFeasiblePercentage = 5;

    public static int FeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes)
    {
        if (numAllNodes < MinFeasibleNodes || percentageOfNodesToScore >= 100)
        {
            return numAllNodes;
        }

        var percentage = percentageOfNodesToScore;
        if (percentage <= 0)
        {
            // Bigger clusters score a smaller share: 50% of 125 nodes, 10% of 5,000, never under 5%.
            percentage = Math.Max(MinFeasiblePercentage, 50 - (numAllNodes / 125));
        }

        return Math.Max(MinFeasibleNodes, numAllNodes * percentage / 100);
    }
}
