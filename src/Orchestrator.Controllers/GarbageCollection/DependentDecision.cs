using k8s.Models;

namespace Orchestrator.Controllers.GarbageCollection;

/// <summary>What attemptToDeleteItem decided for one dependent.</summary>
/// <param name="Delete">Delete the dependent, with <see cref="PropagationPolicy"/>.</param>
/// <param name="PropagationPolicy">Foreground when a waiting owner must wait for the dependent's own dependents too.</param>
/// <param name="OwnerReferences">The dependent's new ownerReferences when it stays (dangling ones dropped, waiting ones unblocked), else null.</param>
public sealed record DependentDecision(bool Delete, string? PropagationPolicy, IList<V1OwnerReference>? OwnerReferences)
{
    public static DependentDecision Keep { get; } = new(false, null, null);
}
