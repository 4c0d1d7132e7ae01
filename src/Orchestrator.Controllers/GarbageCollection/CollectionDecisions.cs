using k8s.Models;

namespace Orchestrator.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector's pure decisions (kube's attemptToDeleteItem, orphanDependents and
/// processDeletingDependentsItem), given what each owner reference resolves to.
/// </summary>
public static class CollectionDecisions
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// A dependent with a solid owner stays (dangling references dropped, references to waiting owners unblocked);
    /// with none it is deleted: in the foreground if a waiting owner needs its dependents gone first, else with the
    /// policy its own finalizers ask for, else in the background.
    /// </summary>
    public static DependentDecision ForDependent(V1ObjectMeta dependent, IReadOnlyList<(V1OwnerReference Reference, OwnerState State)> owners, bool hasDependents)
    {
        if (dependent.DeletionTimestamp is not null || owners.Count == 0 || owners.Any(o => o.State == OwnerState.Unknown))
        {
            return DependentDecision.Keep;
        }
        var dangling = owners.Where(o => o.State == OwnerState.Dangling).ToList();
        var waiting = owners.Where(o => o.State == OwnerState.WaitingForDependents).ToList();
        if (owners.Any(o => o.State == OwnerState.Solid))
        {
            if (dangling.Count == 0 && waiting.All(o => o.Reference.BlockOwnerDeletion != true))
            {
                return DependentDecision.Keep;
            }
            var kept = owners.Where(o => o.State != OwnerState.Dangling).Select(o => o.Reference).ToList();
            foreach (var reference in kept.Where(r => waiting.Any(w => w.Reference.Uid == r.Uid)))
            {
                reference.BlockOwnerDeletion = false;
            }
            return new DependentDecision(false, null, kept);
        }
        if (waiting.Count > 0 && hasDependents)
        {
            return new DependentDecision(true, "Foreground", null);
        }
        var finalizers = dependent.Finalizers ?? [];
        var policy = finalizers.Contains(OrphanFinalizer) ? "Orphan" : finalizers.Contains(ForegroundFinalizer) ? "Foreground" : "Background";
        return new DependentDecision(true, policy, null);
    }

    /// <summary>The dependent's ownerReferences without those to <paramref name="ownerUid"/> (null when none remain).</summary>
    public static IList<V1OwnerReference>? WithoutOwner(V1ObjectMeta dependent, string ownerUid)
    {
        var kept = (dependent.OwnerReferences ?? []).Where(r => r.Uid != ownerUid).ToList();
        return kept.Count == 0 ? null : kept;
    }

    /// <summary>Dependents that keep a foreground deletion waiting: those whose reference to the owner blocks its deletion.</summary>
    public static bool Blocks(V1ObjectMeta dependent, string ownerUid) =>
        dependent.OwnerReferences?.Any(r => r.Uid == ownerUid && r.BlockOwnerDeletion == true) == true;
}
