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
        // The target: no more than the configured rate lets through (per zone, three zones, over the window).
        // Every zone is then over the 55% unhealthy threshold and, below 50 nodes, should stop evicting altogether (kube's
        // rule), so a count well under the rate's allowance is the partition logic at work.
        var window = graceSeconds + result.PartitionWindow.TotalSeconds;
        var allowed = (int)Math.Min(result.MassKilledNodes, 3 * Math.Ceiling(evictionRate * window));
        Report.Line("60% of nodes dead: nodes evicted in the window",
            $"{result.MassEvictedNodes} of {result.MassKilledNodes} ({result.MassEvictions:N0} pods) in {window:F0} s at {evictionRate}/s a zone",
            $"<= {allowed} (the rate's allowance)", result.MassEvictedNodes <= allowed);
    }
}
