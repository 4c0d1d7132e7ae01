namespace Orchestrator.Controllers.Runtime;

/// <summary>How every controller loop runs: workers per controller, retry backoff and watch buffers.</summary>
public sealed record ControllerOptions
{
    /// <summary>Keys reconciled at once per controller (kube-controller-manager's --concurrent-*-syncs).</summary>
    public int Workers { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Watch events a controller may fall behind by before it lists again.</summary>
    public int WatchBuffer { get; init; } = 1_000_000;
}
