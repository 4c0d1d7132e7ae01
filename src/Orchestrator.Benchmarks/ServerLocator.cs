namespace Orchestrator.Benchmarks;

/// <summary>Finds orchestrator.dll: the --server-dll flag, else the server's build output beside this benchmark's.</summary>
public static class ServerLocator
{
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        }
        // Artifacts layout: .../bin/Orchestrator.Benchmarks/release/ -> .../bin/Orchestrator/release/;
        // classic layout: src/Orchestrator.Benchmarks/bin/Release/net10.0/ -> src/Orchestrator/bin/Release/net10.0/.
        var here = AppContext.BaseDirectory;
        var candidates = new[]
        {
            here.Replace($"{Path.DirectorySeparatorChar}Orchestrator.Benchmarks{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Orchestrator{Path.DirectorySeparatorChar}", StringComparison.Ordinal),
            here.Replace("Orchestrator.Benchmarks", "Orchestrator", StringComparison.Ordinal),
        };
        return candidates.Select(folder => Path.Combine(folder, "orchestrator.dll")).FirstOrDefault(File.Exists);
    }
}
