using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>The controller benchmark's Deployment: small pods that tolerate an unreachable node for a set time.</summary>
public static class ControllerWorkload
{
    public const string Name = "ctl-bench";

    public const string Path = "/apis/apps/v1/namespaces/default/deployments";

    /// <summary>maxSurge and maxUnavailable, as percentages of the replicas.</summary>
    public const int SurgePercent = 10;

    public const int UnavailablePercent = 10;

    private const string Template = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"@NAME"},
         "spec":{"replicas":@REPLICAS,"selector":{"matchLabels":{"app":"@NAME"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"@SURGE%","maxUnavailable":"@UNAVAILABLE%"}},
          "template":{"metadata":{"labels":{"app":"@NAME"}},
           "spec":{"terminationGracePeriodSeconds":1,
            "tolerations":[
             {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":@SECONDS},
             {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":@SECONDS}],
            "containers":[{"name":"app","image":"localhost/busybox:static","command":["sleep","3600"],
             "resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}
        """;

    /// <summary>The Deployment, with not-ready and unreachable tolerations of <paramref name="tolerationSeconds"/>.</summary>
    public static string Deployment(int replicas, int tolerationSeconds) => Template
        .Replace("@NAME", Name, StringComparison.Ordinal)
        .Replace("@REPLICAS", Text(replicas), StringComparison.Ordinal)
        .Replace("@SURGE", Text(SurgePercent), StringComparison.Ordinal)
        .Replace("@UNAVAILABLE", Text(UnavailablePercent), StringComparison.Ordinal)
        .Replace("@SECONDS", Text(tolerationSeconds), StringComparison.Ordinal);

    /// <summary>A change of the pod template that starts a rolling update (as kubectl rollout restart does).</summary>
    public static string Restart(int revision) =>
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"bench/revision\":\"" + Text(revision) + "\"}}}}}";

    /// <summary>kube's rounding: maxUnavailable rounds down.</summary>
    public static int MaxUnavailable(int replicas) => replicas * UnavailablePercent / 100;

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
