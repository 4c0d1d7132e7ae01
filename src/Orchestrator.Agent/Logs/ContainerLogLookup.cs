namespace Orchestrator.Agent.Logs;

/// <summary>A found log (its CRI file and whether the attempt is over, so following can end) or why there is none, in kubelet's words.</summary>
public sealed record ContainerLogLookup(string? LogPath, Func<bool> Finished, string? Error)
{
    public static ContainerLogLookup Found(string logPath, Func<bool> finished) => new(logPath, finished, null);

    public static ContainerLogLookup Missing(string error) => new(null, () => true, error);
}
