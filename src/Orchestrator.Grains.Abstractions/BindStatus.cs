namespace Orchestrator.Grains;

/// <summary>Why a binding was refused, or that it was made.</summary>
public enum BindStatus
{
    Bound,

    /// <summary>No such pod, or another pod now has its name.</summary>
    PodNotFound,

    /// <summary>The pod is bound already, or being deleted.</summary>
    Conflict,

    /// <summary>The pod no longer fits the node: someone else's binding took the room.</summary>
    Insufficient,
}
