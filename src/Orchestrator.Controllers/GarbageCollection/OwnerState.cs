namespace Orchestrator.Controllers.GarbageCollection;

/// <summary>What the garbage collector found behind one owner reference.</summary>
public enum OwnerState
{
    /// <summary>The owner exists with that uid and is not waiting for its dependents.</summary>
    Solid,

    /// <summary>No object of that name and uid: the owner is gone.</summary>
    Dangling,

    /// <summary>The owner is being deleted in the foreground and waits for its blocking dependents.</summary>
    WaitingForDependents,

    /// <summary>The kind is not served here; the collector leaves such references alone.</summary>
    Unknown,
}
