using System.Globalization;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>Small, realistic pod bodies with distinct names: one container, requests and limits, a few labels.</summary>
public static class PodFactory
{
    private const string Template = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME","labels":{"app":"bench","tier":"web","shard":"s@SHARD"}},
        "spec":{"containers":[{"name":"app","image":"registry.example.com/bench/web:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],
        "env":[{"name":"MODE","value":"bench"}],
        "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"250m","memory":"128Mi"}}}]}}
        """;

    public static string Name(string prefix, int index) => $"{prefix}-{index.ToString("D6", CultureInfo.InvariantCulture)}";

    public static byte[] Json(string name, int index) => Encoding.UTF8.GetBytes(Template
        .Replace("@NAME", name, StringComparison.Ordinal)
        .Replace("@SHARD", (index % 32).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
