using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>The agent benchmark's pod: busybox sleeping, requests small enough that 100 fit on one 2-core node.</summary>
public static class AgentPodFactory
{
    public const string Image = "localhost/busybox:static";

    // terminationGracePeriodSeconds 1: sleep is the container's pid 1 and ignores SIGTERM, so a delete always waits
    // out the whole grace period before SIGKILL; kubelet's default of 30 s would make every teardown take 30 s.
    private const string Template = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"@NAME","labels":{"app":"agent-bench"}},
        "spec":{"terminationGracePeriodSeconds":1,"containers":[{"name":"app","image":"@IMAGE","command":["sleep","3600"],
        "resources":{"requests":{"cpu":"10m","memory":"8Mi"}}}]}}
        """;

    public static byte[] Json(string name) => Encoding.UTF8.GetBytes(Template
        .Replace("@NAME", name, StringComparison.Ordinal)
        .Replace("@IMAGE", Image, StringComparison.Ordinal));
}
