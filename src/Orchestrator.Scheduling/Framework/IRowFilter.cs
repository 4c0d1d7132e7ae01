using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>A filter whose verdict on the common pod can be read from a node's row: the framework's fast path.</summary>
/// <remarks>A node that meets the precheck must pass Filter; the reverse need not hold (Filter decides those nodes).</remarks>
internal interface IRowFilter
{
    /// <summary>Adds to the precheck what a row must show for Filter to pass the pod; false when no row can tell.</summary>
    bool TryConstrain(PodInfo pod, ref NodePrecheck precheck);

    /// <summary>
    /// For the filter that set the precheck's numbers: the status Filter gives a node whose row falls short of them
    /// while showing no rejected flag; null when the row cannot tell (Filter then runs).
    /// </summary>
    Status? RejectionOf(PodInfo pod, in NodeRow row) => null;
}
