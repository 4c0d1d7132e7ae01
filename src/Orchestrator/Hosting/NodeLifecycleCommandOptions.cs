using System.CommandLine;
using Orchestrator.Controllers.NodeLifecycle;
using Orchestrator.Controllers.PodGarbageCollection;

namespace Orchestrator.Hosting;

/// <summary>
/// <c>up</c>'s node lifecycle flags, named after kube-controller-manager's and kube-apiserver's: how long a silent
/// node is trusted, how fast its pods are evicted, when a zone counts as disrupted, and how many finished pods pod GC keeps.
/// </summary>
public sealed class NodeLifecycleCommandOptions
{
    private static readonly NodeLifecycleOptions Defaults = new();

    public Option<int> GraceSeconds { get; } = Make("--node-monitor-grace-seconds",
        "Seconds a node may go without renewing its Lease before it is NotReady (Unknown) and tainted unreachable", (int)Defaults.GracePeriod.TotalSeconds, v => v >= 1);

    public Option<double> EvictionRate { get; } = Make("--node-eviction-rate",
        "Nodes per second, per zone, whose pods are evicted (tainted NoExecute) when the zone is healthy", Defaults.EvictionRate, v => v >= 0);

    public Option<double> SecondaryEvictionRate { get; } = Make("--secondary-node-eviction-rate",
        "Nodes per second, per zone, when a large zone is partially disrupted (a small one stops evicting)", Defaults.SecondaryEvictionRate, v => v >= 0);

    public Option<double> UnhealthyZoneThreshold { get; } = Make("--unhealthy-zone-threshold",
        "The share of not-ready nodes (more than 2) that makes a zone partially disrupted", Defaults.UnhealthyZoneThreshold, v => v is > 0 and <= 1);

    public Option<int> LargeClusterThreshold { get; } = Make("--large-cluster-size-threshold",
        "Zones of more nodes than this keep evicting at the secondary rate when partially disrupted; smaller ones stop", Defaults.LargeClusterThreshold, v => v >= 0);

    public Option<double> SilenceSeconds { get; } = Make("--node-silence-seconds",
        "Seconds a Ready node may go without renewing its Lease before it counts against its zone's health, so a zone that falls silent together stops evicting before its nodes expire (0: half the grace period; the grace period or more: only expired nodes count, as on Kubernetes)",
        0.0, v => v >= 0);

    public Option<int> DefaultTolerationSeconds { get; } = Make("--default-toleration-seconds",
        "tolerationSeconds of the not-ready and unreachable tolerations added to pods that have none (Kubernetes: 300)", 60, v => v >= 0);

    public Option<int> TerminatedPodGcThreshold { get; } = Make("--terminated-pod-gc-threshold",
        "Terminated pods kept before pod GC deletes the oldest (0 keeps all); pods of deleted nodes and never-bound terminating pods go anyway",
        new PodGcOptions().TerminatedPodThreshold, v => v >= 0);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { GraceSeconds, SilenceSeconds, EvictionRate, SecondaryEvictionRate, UnhealthyZoneThreshold, LargeClusterThreshold, DefaultTolerationSeconds, TerminatedPodGcThreshold })
        {
            command.Options.Add(option);
        }
    }

    public NodeLifecycleOptions Read(ParseResult result) => new()
    {
        GracePeriod = TimeSpan.FromSeconds(result.GetValue(GraceSeconds)),
        MonitorPeriod = NodeLifecycleOptions.MonitorPeriodFor(TimeSpan.FromSeconds(result.GetValue(GraceSeconds))),
        SilencePeriod = result.GetValue(SilenceSeconds) is > 0 and var silence ? TimeSpan.FromSeconds(silence) : null,
        EvictionRate = result.GetValue(EvictionRate),
        SecondaryEvictionRate = result.GetValue(SecondaryEvictionRate),
        UnhealthyZoneThreshold = result.GetValue(UnhealthyZoneThreshold),
        LargeClusterThreshold = result.GetValue(LargeClusterThreshold),
    };

    public PodGcOptions ReadPodGc(ParseResult result) => new() { TerminatedPodThreshold = result.GetValue(TerminatedPodGcThreshold) };

    private static Option<T> Make<T>(string name, string description, T defaultValue, Func<T, bool> valid)
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            if (!valid(r.GetValueOrDefault<T>()!))
            {
                r.AddError($"{name}: {r.GetValueOrDefault<T>()} is out of range");
            }
        });
        return option;
    }
}
