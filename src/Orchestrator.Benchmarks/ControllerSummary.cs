namespace Orchestrator.Benchmarks;

/// <summary>The controller benchmark's figures beside issue 5's targets (printed, never asserted).</summary>
public static class ControllerSummary
{
    public static void Print(ControllerResult result, bool quick, int graceSeconds, int tolerationSeconds, double evictionRate)
    {
        var note = quick ? $" ({result.Replicas:N0} replicas; the targets are for 1,000 on 100 nodes)" : "";
        var floor = result.Replicas - ControllerWorkload.MaxUnavailable(result.Replicas);
        var deadline = graceSeconds + tolerationSeconds + 2;
        Report.Section("controller summary (targets are printed, not asserted)");
        Report.Line($"{result.Replicas:N0} replicas: POST -> all available", $"{result.ScaleUp.TotalSeconds:F2} s{note}", "<= 3 s", result.ScaleUp.TotalSeconds <= 3);
        Report.Line("rolling update: lowest available / floor", $"{result.LowestAvailable:N0} / {floor:N0} (done in {result.Rollout.TotalSeconds:F2} s)", "never below", result.LowestAvailable >= floor);
        Report.Line("10% of nodes die: replaced after", result.Replacement is { } r ? $"{r.TotalSeconds:F2} s" : "not in time", $"<= {deadline} s (grace {graceSeconds} + toleration {tolerationSeconds} + 2)",
            result.Replacement is { } t && t.TotalSeconds <= deadline);
        // At this rate the healthy-zone limit alone would let every dead node go within the window, so the issue's "no
        // more than the configured rate" cannot fail here and is not printed as a target. What shows whether the cluster
        // held back is the count itself: every zone is over the 55% unhealthy threshold and, below 50 nodes, should stop
        // evicting altogether (kube's rule), leaving only what was tainted before a pass saw its zone cross.
        var window = graceSeconds + result.PartitionWindow.TotalSeconds;
        Report.Line("60% of nodes dead: nodes evicted in the window",
            $"{result.MassEvictedNodes} of {result.MassKilledNodes} ({result.MassEvictions:N0} pods) in {window:F0} s; the healthy rate ({evictionRate}/s a zone) alone would allow all");
    }
}
