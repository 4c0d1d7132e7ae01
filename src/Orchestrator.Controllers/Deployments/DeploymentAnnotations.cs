using System.Globalization;
using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>The annotations the Deployment controller keeps on Deployments and their ReplicaSets (deploymentutil's).</summary>
public static class DeploymentAnnotations
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Annotations never copied from a Deployment to its ReplicaSets.</summary>
    public static readonly IReadOnlySet<string> NotCopied = new HashSet<string>(StringComparer.Ordinal)
    {
        LastApplied, Revision, RevisionHistory, DesiredReplicas, MaxReplicas, "deprecated.deployment.rollback.to",
    };

    public static long RevisionOf(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(Revision, out var value) == true && long.TryParse(value, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    public static int? IntOf(V1ObjectMeta metadata, string annotation) =>
        metadata.Annotations?.TryGetValue(annotation, out var value) == true && int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>SetReplicasAnnotations: true when either annotation changed.</summary>
    public static bool SetReplicas(V1ObjectMeta metadata, int desired, int max)
    {
        metadata.Annotations ??= new Dictionary<string, string>();
        var changed = false;
        foreach (var (key, value) in new[] { (DesiredReplicas, desired), (MaxReplicas, max) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (!metadata.Annotations.TryGetValue(key, out var current) || current != text)
            {
                metadata.Annotations[key] = text;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// SetNewReplicaSetAnnotations: copies the Deployment's own annotations and raises the revision (keeping the
    /// one it replaces in revision-history, as a rollback to an old ReplicaSet does). True when anything changed.
    /// </summary>
    public static bool SetNewReplicaSet(V1Deployment d, V1ReplicaSet rs, long newRevision)
    {
        rs.Metadata.Annotations ??= new Dictionary<string, string>();
        var annotations = rs.Metadata.Annotations;
        var changed = false;
        foreach (var (key, value) in d.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!NotCopied.Contains(key) && (!annotations.TryGetValue(key, out var current) || current != value))
            {
                annotations[key] = value;
                changed = true;
            }
        }
        var old = RevisionOf(rs.Metadata);
        if (old < newRevision)
        {
            if (old > 0)
            {
                var history = annotations.TryGetValue(RevisionHistory, out var h) && h.Length > 0 ? h + "," : "";
                annotations[RevisionHistory] = history + old.ToString(CultureInfo.InvariantCulture);
            }
            annotations[Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
        }
        return changed;
    }
}
