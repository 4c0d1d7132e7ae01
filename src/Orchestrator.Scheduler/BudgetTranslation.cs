using System.Collections.Immutable;
using k8s.Models;
using Orchestrator.Scheduling.Model;
using LabelSelector = Orchestrator.Scheduling.Model.LabelSelector;
using PodDisruptionBudget = Orchestrator.Scheduling.Model.PodDisruptionBudget;

namespace Orchestrator.Scheduler;

/// <summary>
/// PodDisruptionBudgets as preemption reads them. The disruption controller now writes status.disruptionsAllowed,
/// but preemption still works it out here from the pods the scheduler mirrors, counting the guarded pods that hold a
/// node as healthy and as the expected number; reading the controller's status, as kube-scheduler does, is left to do.
/// </summary>
internal static class BudgetTranslation
{
    public static PodDisruptionBudget? ToBudget(V1PodDisruptionBudget budget, IEnumerable<PodInfo> boundPods)
    {
        var labels = budget.Spec?.Selector?.MatchLabels;
        if (labels is null || labels.Count == 0 || budget.Spec!.Selector!.MatchExpressions is { Count: > 0 })
        {
            // matchExpressions are not expressible in the core's selector; such a budget is left out rather than misread.
            return null;
        }
        var selector = new LabelSelector(labels.ToImmutableDictionary(StringComparer.Ordinal));
        var ns = budget.Metadata.NamespaceProperty;
        var healthy = boundPods.Count(p => p.Namespace == ns && selector.Matches(p.Labels));
        var allowed = budget.Spec.MinAvailable is { } min
            ? healthy - Scaled(min, healthy, roundUp: true)
            : budget.Spec.MaxUnavailable is { } max ? Scaled(max, healthy, roundUp: true) : healthy;
        return new PodDisruptionBudget(ns, budget.Metadata.Name, selector, Math.Max(0, allowed))
        {
            DisruptedPods = (budget.Status?.DisruptedPods?.Keys ?? []).ToImmutableHashSet(StringComparer.Ordinal),
        };
    }

    private static int Scaled(IntOrString value, int total, bool roundUp)
    {
        var text = value.Value ?? "0";
        if (text.EndsWith('%') && int.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var percent))
        {
            var exact = total * percent / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0;
    }
}
