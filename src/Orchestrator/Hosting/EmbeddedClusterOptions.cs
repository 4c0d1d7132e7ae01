namespace Orchestrator.Hosting;

/// <summary>Where the embedded cluster keeps its state and which port it serves on.</summary>
public sealed record EmbeddedClusterOptions(string DataDir, int Port);
