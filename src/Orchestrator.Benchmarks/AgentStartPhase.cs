namespace Orchestrator.Benchmarks;

/// <summary>One batch of pod starts, once every pod is Running: each pod's trace and when the first create was sent.</summary>
public sealed record AgentStartPhase(IReadOnlyList<PodTrace> Pods, long FirstCreate)
{
    /// <summary>Per pod, from its create's response to Running on the watch, in milliseconds.</summary>
    public Percentiles Latency { get; } = Percentiles.Of(Pods.Select(p => p.StartMilliseconds));

    /// <summary>From sending the first create to the last pod Running.</summary>
    public TimeSpan Total => TimeSpan.FromMilliseconds(PodTrace.Milliseconds(FirstCreate, Pods.Max(p => p.RunningAt)));

    /// <summary>The most pods between their create and Running at one moment: above one or two, starts wait on each other.</summary>
    public int MaxInFlight
    {
        get
        {
            // Ends sort before starts at the same tick, so back-to-back pods do not count as overlapping.
            var edges = Pods.SelectMany(p => new[] { (At: p.Posted, Step: 1), (At: p.RunningAt, Step: -1) }).OrderBy(e => e.At).ThenBy(e => e.Step);
            int current = 0, most = 0;
            foreach (var (_, step) in edges)
            {
                current += step;
                most = Math.Max(most, current);
            }
            return most;
        }
    }

    /// <summary>Pods starting at once on average over the phase (Little's law: total start time over the phase's length).</summary>
    public double MeanInFlight => Pods.Sum(p => p.StartMilliseconds) / Total.TotalMilliseconds;
}
