namespace Orchestrator.Agent.Logs;

/// <summary>What <c>kubectl logs</c> asked for (PodLogOptions): follow, tailLines, sinceSeconds/sinceTime, timestamps, limitBytes.</summary>
public sealed record ContainerLogQuery
{
    public bool Follow { get; init; }

    /// <summary>Only the last N lines; null for all.</summary>
    public int? TailLines { get; init; }

    /// <summary>Only lines written at or after this time; null for all.</summary>
    public DateTimeOffset? Since { get; init; }

    public bool Timestamps { get; init; }

    /// <summary>Stop after this many bytes; null for no limit.</summary>
    public long? LimitBytes { get; init; }
}
