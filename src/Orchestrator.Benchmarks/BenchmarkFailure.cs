namespace Orchestrator.Benchmarks;

/// <summary>A failure that ends the run with a non-zero exit: the server fell over or a check did not hold.</summary>
public sealed class BenchmarkFailure(string message) : Exception(message);
