namespace Orchestrator.Benchmarks;

/// <summary>Prints results on stdout as labelled lines, with the target beside each one that has one.</summary>
public static class Report
{
    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
    }

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-46} {value}");

    /// <summary>A result with its target; <paramref name="met"/> says whether it was reached (printed, never asserted).</summary>
    public static void Line(string label, string value, string target, bool met) =>
        Console.WriteLine($"  {label,-46} {value,-44} target {target,-12} {(met ? "met" : "MISSED")}");

    public static void Load(string label, LoadResult result, double serverCpuSeconds)
    {
        Load(label, result);
        Line($"{label}: server CPU", $"{serverCpuSeconds * 1000 / result.Operations:F2} ms per request, {serverCpuSeconds / result.Elapsed.TotalSeconds:F2} cores busy on average");
    }

    public static void Load(string label, LoadResult result)
    {
        Line($"{label}: throughput", $"{result.PerSecond:N0} req/s ({result.Operations:N0} in {result.Elapsed.TotalSeconds:F2} s, {result.Failures} failed)");
        Line($"{label}: latency", result.Latency.ToString());
    }
}
