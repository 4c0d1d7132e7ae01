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

    /// <summary>
    /// When the pod's toleration clock started: the newest NoExecute taint's timeAdded, so an eviction is due at exactly
    /// that plus tolerationSeconds however late the pod is looked at (a queue, a restart); <paramref name="now"/> for
    /// a taint without one or with one in the future.
    /// </summary>
    public static DateTimeOffset TaintedSince(IEnumerable<V1Taint> taints, DateTimeOffset now)
    {
        var added = taints.Where(t => t.Effect == "NoExecute").Select(t => t.TimeAdded is { } at ? Utc(at) : now).DefaultIfEmpty(now).Max();
        return added > now ? now : added;
    }

    private static DateTimeOffset Utc(DateTime at) =>
        new(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc));

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
