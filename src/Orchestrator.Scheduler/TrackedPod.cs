using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduler;

/// <summary>What the scheduler remembers of one pod between events: enough to tell a status update from a move.</summary>
/// <param name="Pod">The pod as the core sees it.</param>
/// <param name="Revision">The resourceVersion it was read at (the precondition for status writes).</param>
/// <param name="Node">spec.nodeName, or empty while pending.</param>
/// <param name="Terminal">Succeeded or Failed: it no longer holds room on its node.</param>
/// <param name="Deleting">metadata.deletionTimestamp is set.</param>
/// <param name="Fingerprint">The stored JSON's <see cref="Orchestrator.Grains.Scheduling.ObjectFingerprint.OfPod"/>, so a binding or status update need not be translated again.</param>
internal sealed record TrackedPod(PodInfo Pod, long Revision, string Node, bool Terminal, bool Deleting, long Fingerprint = 0)
{
    /// <summary>Whether the pod occupies room on a node.</summary>
    public bool HoldsRoom => Node.Length > 0 && !Terminal;
}
