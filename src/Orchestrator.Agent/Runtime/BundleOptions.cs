namespace Orchestrator.Agent.Runtime;

/// <summary>Node-wide choices for every bundle: where pod cgroups live and the pids limit.</summary>
public sealed record BundleOptions
{
    /// <summary>Parent of the per-pod cgroups, as /kubepods is for a kubelet with the cgroupfs driver.</summary>
    public string CgroupParent { get; init; } = "/orchestrator";

    public long PidsLimit { get; init; } = KubeletResources.DefaultPidsLimit;
}
