namespace Orchestrator.Agent.Logs;

/// <summary>How much log one container attempt may keep: kubelet's containerLogMaxSize and containerLogMaxFiles.</summary>
public sealed record LogRotation
{
    public static LogRotation Default { get; } = new();

    /// <summary>The size at which the current file is rotated.</summary>
    public long MaxBytes { get; init; } = 10L << 20;

    /// <summary>Files kept, the current one included; the oldest is dropped when a rotation would exceed it.</summary>
    public int MaxFiles { get; init; } = 2;

    /// <summary>The size the raw output may reach before it is cut back, once everything in it has been copied.</summary>
    public long MaxRawBytes { get; init; } = 1L << 20;

    /// <summary>A line longer than this is split into P(artial) lines, as the CRI runtimes do at 16 KiB.</summary>
    public int MaxLineBytes { get; init; } = 16 * 1024;
}
