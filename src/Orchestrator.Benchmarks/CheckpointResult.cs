namespace Orchestrator.Benchmarks;

/// <summary>The reads and memory measured at one store size.</summary>
public sealed record CheckpointResult(MemorySample Memory, LoadResult GetSingle, LoadResult GetLoaded, LatencyStats FullList, LoadResult Page);
