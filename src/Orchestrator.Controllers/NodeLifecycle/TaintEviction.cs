using k8s.Models;

namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// kube's taint eviction rules for one pod on a node with NoExecute taints: every taint must be tolerated, and the
/// pod may stay for the shortest tolerationSeconds among the tolerations that matched (forever when none has one).
/// </summary>
public static class TaintEviction
{
    /// <summary>How long the pod may stay from when the taints were seen: null is forever, zero is now.</summary>
    public static TimeSpan? Delay(IEnumerable<V1Toleration>? tolerations, IEnumerable<V1Taint> taints)
    {
        var noExecute = taints.Where(t => t.Effect == "NoExecute").ToList();
        if (noExecute.Count == 0)
        {
            return null;
        }
        var list = tolerations?.ToList() ?? [];
        var used = new List<V1Toleration>();
        foreach (var taint in noExecute)
        {
            if (list.FirstOrDefault(t => Tolerates(t, taint)) is not { } toleration)
            {
                return TimeSpan.Zero;
            }
            used.Add(toleration);
        }
        var seconds = used.Where(t => t.TolerationSeconds is not null).Select(t => Math.Max(0, t.TolerationSeconds!.Value)).DefaultIfEmpty(-1).Min();
        return seconds < 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>v1.Toleration.ToleratesTaint: an empty effect matches every effect, Exists with an empty key every key.</summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }
        return toleration.OperatorProperty switch
        {
            "Exists" => true,
            "Equal" or "" or null => (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }
}
