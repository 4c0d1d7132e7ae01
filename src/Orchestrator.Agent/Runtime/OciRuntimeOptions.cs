namespace Orchestrator.Agent.Runtime;

/// <summary>Which OCI runtime binary to drive and where it keeps its state.</summary>
public sealed record OciRuntimeOptions
{
    /// <summary>The agent's data folder; the runtime's --root state folder is made inside it.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>runc, crun, or a path to either.</summary>
    public string Binary { get; init; } = "runc";

    /// <summary>Run the runtime in a mount namespace without /sys/fs/cgroup/unified; null: only crun on a hybrid-cgroup machine.</summary>
    public bool? HideUnifiedCgroup { get; init; }

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
