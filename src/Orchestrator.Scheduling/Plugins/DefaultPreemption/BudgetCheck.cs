using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>Splits would-be victims into those whose eviction breaks a PodDisruptionBudget and those it does not.</summary>
internal static class BudgetCheck
{
    /// <summary>Charges each pod, in the given order, to every budget guarding it; a pod that drives one below zero violates it. Order is kept.</summary>
    public static (List<PodInfo> Violating, List<PodInfo> NonViolating) Split(IReadOnlyList<PodInfo> pods, ImmutableArray<PodDisruptionBudget> budgets)
    {
        var violating = new List<PodInfo>();
        var nonViolating = new List<PodInfo>(pods.Count);
        var allowed = budgets.IsDefaultOrEmpty ? [] : budgets.Select(b => b.DisruptionsAllowed).ToArray();
        foreach (var pod in pods)
        {
            var violates = false;
            for (var i = 0; i < allowed.Length; i++)
            {
                if (budgets[i].Guards(pod) && --allowed[i] < 0)
                {
                    violates = true;
                }
            }

            (violates ? violating : nonViolating).Add(pod);
        }

        return (violating, nonViolating);
    }
}
