namespace Orchestrator.Benchmarks;

/// <summary>The agent benchmark's figures beside their targets and its baselines (printed, never asserted).</summary>
public static class AgentSummary
{
    public static void Print(AgentResult result, bool quick)
    {
        var (paced, burst) = (result.Paced.Latency, result.Burst.Latency);
        var pods = result.Paced.Pods.Count;
        var note = quick ? $" ({pods} pods; the targets are for 100)" : "";
        Report.Section("node agent summary (targets are printed, not asserted)");
        Report.Line("pod start p99, paced, image present", $"{paced.P99:N0} ms (p50 {paced.P50:N0}, max {paced.Max:N0}){note}", "<= 1 s", paced.P99 <= 1_000);
        var ratio = paced.P50 / result.BareRunc.P50;
        Report.Line("pod start p50 / bare runc create+start p50", $"{ratio:F1}x ({paced.P50:N0} / {result.BareRunc.P50:N0} ms)", "<= 2x", ratio <= 2);
        var mebibytes = result.Loaded.ResidentMebibytes;
        Report.Line($"agent VmRSS with {pods} pods running", $"{mebibytes:F1} MiB (idle {result.Idle.ResidentMebibytes:F1}){note}", "<= 50 MiB", mebibytes <= 50);
        Report.Line($"burst of {result.Burst.Pods.Count}: first create to last Running", $"{result.Burst.Total.TotalSeconds:F2} s ({result.Burst.Pods.Count / result.Burst.Total.TotalSeconds:F1} pods/s)");
        Report.Line("burst: per pod p50 / p99", $"{burst.P50:N0} / {burst.P99:N0} ms");

        Report.Section("baselines in the same run, and ratios");
        Report.Line("bare runc create + start", result.BareRunc.Format("ms", "N0"));
        Report.Line("the agent's runc create + start (file times)", $"p50 {result.AgentRunc.P50:N0} ms: {result.AgentRunc.P50 / result.BareRunc.P50:F1}x bare runc");
        Report.Line("pod start p50 / p99 over bare runc p50", $"{ratio:F1}x / {paced.P99 / result.BareRunc.P50:F1}x");
        Report.Line("podman run -d", result.Podman is { } podman
            ? $"p50 {podman.P50:N0} ms; pod start p50 is {paced.P50 / podman.P50:F1}x podman's"
            : "not measured (see above)");
    }
}
