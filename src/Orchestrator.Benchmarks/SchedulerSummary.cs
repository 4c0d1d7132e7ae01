namespace Orchestrator.Benchmarks;

/// <summary>The scheduler benchmark's headline figures beside their targets (printed, never asserted).</summary>
public static class SchedulerSummary
{
    public static void Print(
        IReadOnlyList<(int Pods, double PerSecond)> core, PackingDensity density,
        IReadOnlyList<(int Nodes, double Micros, double NoOp)> curve, IReadOnlyList<EndToEndPhase> phases, int endToEndNodes,
        BindTrace backlog)
    {
        Report.Section("scheduler summary (targets are printed, not asserted)");
        foreach (var (pods, perSecond) in core)
        {
            Report.Line($"pure core decisions/s, first {pods:N0} pods", $"{perSecond:N0}", ">= 100,000", perSecond >= 100_000);
        }
        var (smallNodes, smallMicros, _) = curve[0];
        var (largeNodes, largeMicros, _) = curve[^1];
        var costRatio = largeMicros / smallMicros;
        var nodeRatio = (double)largeNodes / smallNodes;
        Report.Line($"cost per decision, {largeNodes:N0} : {smallNodes:N0} nodes", $"{costRatio:F2}x for {nodeRatio:F0}x the nodes", "sub-linear", costRatio < nodeRatio);
        Report.Line("packing: nodes used / lower bound", $"{density.Ratio:F3}x ({density.NodesUsed:N0} / {density.LowerBound:N0})", "<= 1.05", density.Ratio <= 1.05);
        var note = endToEndNodes == 5_000 ? "" : $" (target is for 5,000 nodes; this ran {endToEndNodes:N0})";
        foreach (var phase in phases)
        {
            var label = $"end to end pods/s, {phase.PodsBefore:N0} -> {phase.PodsBefore + phase.Pods:N0}";
            var value = phase.Binds.Complete
                ? $"{phase.AveragePerSecond:N0} (p50 of 1-s samples {phase.Binds.Throughput.P50:N0}){note}"
                : $"INCOMPLETE: {phase.Binds.Bound:N0} of {phase.Pods:N0} bound{note}";
            Report.Line(label, value, ">= 10,000", phase.Binds.Complete && phase.AveragePerSecond >= 10_000);
        }
        var backlogRate = backlog.ServerRate ?? 0;
        Report.Line("scheduler alone (backlog) pods/s", $"{backlogRate:N0}, p50 of 1-s samples {backlog.Throughput.P50:N0}{note}", ">= 10,000", backlog.Complete && backlogRate >= 10_000);
    }
}
