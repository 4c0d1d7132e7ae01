namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>kube-scheduler's pickOneNodeForPreemption: each criterion only breaks the ties of the one before it.</summary>
internal static class CandidatePicker
{
    /// <summary>The best candidate; among equals, the first in dry-run order.</summary>
    public static Candidate Pick(IReadOnlyList<Candidate> candidates)
    {
        var best = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            if (Compare(candidates[i], best) < 0)
            {
                best = candidates[i];
            }
        }

        return best;
    }

    /// <summary>Negative when a is the better node: fewer PDB violations, a lower highest victim priority, a lower priority sum,
    /// fewer victims, then a later start of the most important victims.</summary>
    internal static int Compare(Candidate a, Candidate b)
    {
        var c = a.PdbViolations.CompareTo(b.PdbViolations);
        if (c == 0)
        {
            c = a.HighestPriority.CompareTo(b.HighestPriority);
        }

        if (c == 0)
        {
            c = a.PrioritySum.CompareTo(b.PrioritySum);
        }

        if (c == 0)
        {
            c = a.Victims.Length.CompareTo(b.Victims.Length);
        }

        return c != 0 ? c : b.EarliestStartOfMostImportant.CompareTo(a.EarliestStartOfMostImportant);
    }
}
