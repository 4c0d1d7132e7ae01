using k8s.Models;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Disruption;

/// <summary>
/// kube's disruption controller for one PodDisruptionBudget, as a pure function: how many pods are expected (from
/// the budget, or from the pods' controllers' scale for maxUnavailable and percentages), how many must stay
/// healthy, how many are, which evicted pods still count as disrupted, and so how many disruptions are allowed.
/// </summary>
public static partial class DisruptionSync
{
    /// <summary>An evicted pod not deleted within this long is assumed to stay (kube's DeletionTimeout).</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The budget's status from its pods; <paramref name="scaleOf"/> gives a controller's uid and replicas (null without a scale).</summary>
    public static DisruptionResult Compute(V1PodDisruptionBudget pdb, IReadOnlyList<V1Pod> pods, Func<string, V1OwnerReference, (string Uid, int Replicas)?> scaleOf, DateTimeOffset now)
    {
        var old = pdb.Status ?? new V1PodDisruptionBudgetStatus();
        int expected, desired;
        try
        {
            (expected, desired) = Expected(pdb, pods, scaleOf);
        }
        catch (InvalidOperationException e)
        {
            return FailSafe(pdb, now, e.Message);
        }
        var (disrupted, recheckAt) = DisruptedPods(old.DisruptedPods, pods, now);
        var healthy = pods.Count(p => p.Metadata.DeletionTimestamp is null && !disrupted.ContainsKey(p.Metadata.Name) && PodConditions.IsReady(p));
        var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);
        var status = new V1PodDisruptionBudgetStatus
        {
            CurrentHealthy = healthy,
            DesiredHealthy = desired,
            ExpectedPods = expected,
            DisruptionsAllowed = allowed,
            DisruptedPods = disrupted.Count == 0 ? null : disrupted,
            ObservedGeneration = pdb.Metadata.Generation,
            Conditions = [Condition(old, allowed > 0 ? "True" : "False", allowed > 0 ? "SufficientPods" : "InsufficientPods", "", pdb.Metadata.Generation, now)],
        };
        return new DisruptionResult(status, recheckAt, null);
    }

    private static (int Expected, int Desired) Expected(V1PodDisruptionBudget pdb, IReadOnlyList<V1Pod> pods, Func<string, V1OwnerReference, (string Uid, int Replicas)?> scaleOf)
    {
        var spec = pdb.Spec;
        if (spec.MaxUnavailable is null && spec.MinAvailable is { } minCount && !BudgetMath.IsPercent(minCount))
        {
            return (pods.Count, BudgetMath.Scaled(minCount, 0, roundUp: true));
        }
        if (spec.MaxUnavailable is null && spec.MinAvailable is null)
        {
            return (0, 0);
        }
        var expected = ControllerScale(pdb.Metadata.NamespaceProperty, pods, scaleOf);
        if (spec.MaxUnavailable is { } max)
        {
            return (expected, Math.Max(0, expected - BudgetMath.Scaled(max, expected, roundUp: true)));
        }
        return (expected, BudgetMath.Scaled(spec.MinAvailable!, expected, roundUp: true));
    }

    /// <summary>The sum of the replicas of every controller with a selected pod, each counted once.</summary>
    private static int ControllerScale(string ns, IReadOnlyList<V1Pod> pods, Func<string, V1OwnerReference, (string Uid, int Replicas)?> scaleOf)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var owner = OwnerReferences.ControllerOf(pod.Metadata);
            if (owner is null || scaleOf(ns, owner) is not { } scale)
            {
                throw new InvalidOperationException(
                    $"found no controllers for pod \"{pod.Metadata.Name}\" (a percentage or maxUnavailable needs each pod's controller to have a scale)");
            }
            seen[scale.Uid] = scale.Replicas;
        }
        return seen.Values.Sum();
    }
}
