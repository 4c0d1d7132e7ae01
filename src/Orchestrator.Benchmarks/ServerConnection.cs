using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>What the kubeconfig written by <c>orchestrator up</c> says: server URL, bearer token and CA.</summary>
public sealed record ServerConnection(Uri Server, string Token, string CaPem)
{
    /// <summary>Reads the three fields from the kubeconfig; the file is flat enough that a line scan will do.</summary>
    public static ServerConnection Load(string kubeconfigPath)
    {
        string? server = null, token = null, ca = null;
        foreach (var raw in File.ReadAllLines(kubeconfigPath))
        {
            var line = raw.Trim();
            server ??= Value(line, "server:");
            token ??= Value(line, "token:");
            ca ??= Value(line, "certificate-authority-data:");
        }
        if (server is null || token is null || ca is null)
        {
            throw new BenchmarkFailure($"the kubeconfig {kubeconfigPath} lacks server, token or certificate-authority-data");
        }
        return new ServerConnection(new Uri(server), token, Encoding.UTF8.GetString(Convert.FromBase64String(ca)));
    }

    private static string? Value(string line, string key) =>
        line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : null;
}
