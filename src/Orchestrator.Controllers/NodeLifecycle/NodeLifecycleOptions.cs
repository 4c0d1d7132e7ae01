namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>kube-controller-manager's node lifecycle flags, with a shorter grace period than Kubernetes' 40-50 s.</summary>
public sealed record NodeLifecycleOptions
{
    /// <summary>
    /// How long a node may go without renewing its Lease before it is Unknown (--node-monitor-grace-period; kube: 40 s).
    /// Kubernetes' proportions scaled down: kubelets renew every quarter of a 40 s lease (10 s) against a 40-50 s
    /// grace; agents and simulated nodes renew every 2.5 s of a 10 s lease, so four renewals fit in the grace and one
    /// or two late ones do not make a node flap.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a node that is still Ready may go without renewing its Lease before it counts against its zone's health
    /// (null: half the grace period; at least the grace period: never, as on Kubernetes). The node itself is judged
    /// only when its grace runs out. Nodes that fall silent together expire one by one over a renewal interval, and
    /// kube judges a zone only by nodes already expired, so the first of them are evicted at the healthy rate before
    /// the zone looks disrupted; counting silence lets the zone look disrupted before any of them expires.
    /// </summary>
    public TimeSpan? SilencePeriod { get; init; }

    /// <summary>The silence that counts against a zone: <see cref="SilencePeriod"/>, or half the grace period.</summary>
    public TimeSpan ZoneSilence => SilencePeriod ?? GracePeriod / 2;

    /// <summary>How often every node's health is looked at (--node-monitor-period; kube: 5 s).</summary>
    public TimeSpan MonitorPeriod { get; init; } = MonitorPeriodFor(TimeSpan.FromSeconds(10));

    /// <summary>
    /// A tenth of the grace period, between 0.5 s and 5 s: a node is judged at most that long after its grace runs out,
    /// and a pass costs one look at each node and its Lease in the in-process cache, so 1 s is cheap.
    /// </summary>
    public static TimeSpan MonitorPeriodFor(TimeSpan gracePeriod) =>
        TimeSpan.FromSeconds(Math.Clamp(gracePeriod.TotalSeconds / 10, 0.5, 5));

    /// <summary>How often queued nodes are tainted NoExecute between monitor passes (kube's NodeEvictionPeriod: 100 ms).</summary>
    public TimeSpan EvictionPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Nodes per second tainted NoExecute in a healthy zone (--node-eviction-rate).</summary>
    public double EvictionRate { get; init; } = 0.1;

    /// <summary>Nodes per second tainted in a partially disrupted zone of a large cluster (--secondary-node-eviction-rate).</summary>
    public double SecondaryEvictionRate { get; init; } = 0.01;

    /// <summary>The share of not-ready nodes that makes a zone partially disrupted (--unhealthy-zone-threshold).</summary>
    public double UnhealthyZoneThreshold { get; init; } = 0.55;

    /// <summary>A zone of at most this many nodes stops evicting when partially disrupted (--large-cluster-size-threshold).</summary>
    public int LargeClusterThreshold { get; init; } = 50;
}
