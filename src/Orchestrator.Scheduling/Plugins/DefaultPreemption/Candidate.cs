using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>A node the pod would fit on once the victims (most important first) are evicted, and how many budgets that breaks.</summary>
internal sealed record Candidate(string NodeName, ImmutableArray<PodInfo> Victims, int PdbViolations)
{
    public int HighestPriority => Victims.Max(v => v.Priority);

    // Each priority is shifted by 2^31 so every term is non-negative: a node with more negative-priority
    // victims must not look cheaper than one with fewer, as in kube-scheduler.
    public long PrioritySum => Victims.Sum(v => (long)v.Priority + (1L << 31));

    /// <summary>The earliest start among the victims of the highest priority; a later one means less work is lost.</summary>
    public DateTimeOffset EarliestStartOfMostImportant
    {
        get
        {
            var highest = HighestPriority;
            return Victims.Where(v => v.Priority == highest).Min(PodImportance.StartOf);
        }
    }
}
