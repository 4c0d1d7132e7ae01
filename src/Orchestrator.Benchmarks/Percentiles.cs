namespace Orchestrator.Benchmarks;

/// <summary>Nearest-rank p50/p90/p99 of a set of samples, in whatever unit they were taken.</summary>
public sealed record Percentiles(int Count, double Mean, double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, sorted.Average(), At(0.50), At(0.90), At(0.99), sorted[^1]);
    }

    public string Format(string unit, string number = "F1") =>
        $"p50 {P50.ToString(number)} / p90 {P90.ToString(number)} / p99 {P99.ToString(number)} {unit} (max {Max.ToString(number)}, n={Count:N0})";
}
