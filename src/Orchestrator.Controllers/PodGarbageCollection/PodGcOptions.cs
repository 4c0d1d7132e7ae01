namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>kube-controller-manager's pod GC settings.</summary>
public sealed record PodGcOptions
{
    /// <summary>Terminated (Succeeded or Failed) pods kept before the oldest are deleted (--terminated-pod-gc-threshold); 0 keeps all.</summary>
    public int TerminatedPodThreshold { get; init; } = 12_500;

    /// <summary>How often every pod is looked at (kube's gcCheckPeriod: 20 s).</summary>
    public TimeSpan CheckPeriod { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a node must stay missing before its pods count as orphans (kube's quarantineTime: 40 s).</summary>
    public TimeSpan Quarantine { get; init; } = TimeSpan.FromSeconds(40);
}
