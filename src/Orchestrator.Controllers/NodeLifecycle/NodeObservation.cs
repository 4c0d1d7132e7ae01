namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// One node as the controller sees it in one pass: its zone, its Ready status as stored (null when it has none),
/// what changes whenever its kubelet reports (the Lease's renewTime and Ready's lastHeartbeatTime), and the
/// controller's taints it carries (<c>key:effect</c>).
/// </summary>
public sealed record NodeObservation(string Name, string Zone, string? Ready, string Heartbeat, IReadOnlySet<string> Taints)
{
    /// <summary>Nodes labelled <c>node.kubernetes.io/exclude-disruption</c> do not count in their zone's health.</summary>
    public bool ExcludedFromZone { get; init; }

    /// <summary>
    /// When the kubelet says it last reported (the later of the Lease's renewTime and Ready's lastHeartbeatTime), by its
    /// own clock: only used to place a heartbeat within the interval between the two passes that bracket it.
    /// </summary>
    public DateTimeOffset? RenewedAt { get; init; }

    /// <summary>spec.unschedulable (kubectl cordon), mirrored by the <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint.</summary>
    public bool Unschedulable { get; init; }
}
