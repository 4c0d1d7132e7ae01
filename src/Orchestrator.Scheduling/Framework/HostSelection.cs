namespace Orchestrator.Scheduling.Framework;

/// <summary>kube-scheduler's selectHost: the node with the highest total wins, and nodes tied for it share the win evenly.</summary>
internal static class HostSelection
{
    /// <summary>
    /// The index of the highest total; when several share it, the one a single draw of random.Next(ties) names, counted
    /// in order. Every tied node has the same 1/ties chance, as under kube-scheduler's reservoir sampling, which draws
    /// once per tie: a packed cluster's cycle ties hundreds of identical empty nodes, and those draws were ~4 % of a
    /// decision. No draw is made when one node leads.
    /// </summary>
    public static int Select(ReadOnlySpan<long> totals, Random random)
    {
        var (best, bestTotal, ties) = (0, totals[0], 1);
        for (var n = 1; n < totals.Length; n++)
        {
            var total = totals[n];
            if (total > bestTotal)
            {
                (best, bestTotal, ties) = (n, total, 1);
            }
            else if (total == bestTotal)
            {
                ties++;
            }
        }

        return Pick(totals, best, ties, random);
    }

    /// <summary>Select's draw for a caller that found the first index of the highest total and how many share it.</summary>
    public static int Pick(ReadOnlySpan<long> totals, int first, int ties, Random random)
    {
        if (ties == 1)
        {
            return first;
        }

        // The pick-th of the tied nodes from the first of them.
        var (bestTotal, pick) = (totals[first], random.Next(ties));
        for (var n = first; ; n++)
        {
            if (totals[n] == bestTotal && pick-- == 0)
            {
                return n;
            }
        }
    }
}
