using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>A PodDisruptionBudget as preemption reads it: the pods it guards and how many more of them may be disrupted now.</summary>
public sealed record PodDisruptionBudget(string Namespace, string Name, LabelSelector Selector, int DisruptionsAllowed)
{
    /// <summary>status.disruptedPods: evictions the API server already counted, which must not be charged twice.</summary>
    public ImmutableHashSet<string> DisruptedPods { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Whether evicting the pod spends this budget.</summary>
    public bool Guards(PodInfo pod) =>
        // Unlike a spread selector, a budget with an empty selector guards nothing, as in policy/v1.
        pod.Namespace == Namespace
        && !Selector.MatchLabels.IsEmpty
        && Selector.Matches(pod.Labels)
        && !DisruptedPods.Contains(pod.Name);
}
