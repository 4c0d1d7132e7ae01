using k8s.Models;
using Orchestrator.Controllers.Deployments;

namespace Orchestrator.Controllers.Tests.Testing;

/// <summary>Deployments and the ReplicaSets they own, as the Deployment controller's core reads them.</summary>
public static class Deployments
{
    public const string Uid = "d-uid";

    public static V1Deployment Deployment(int replicas, string image = "nginx:2", string? maxSurge = "1", string? maxUnavailable = "1",
        string strategy = "RollingUpdate", int? revisionHistoryLimit = 10, int progressDeadlineSeconds = 600, long generation = 2) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = Uid, Generation = generation },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            RevisionHistoryLimit = revisionHistoryLimit,
            ProgressDeadlineSeconds = progressDeadlineSeconds,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Strategy = strategy == "Recreate"
                ? new V1DeploymentStrategy { Type = "Recreate" }
                : new V1DeploymentStrategy { Type = strategy, RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = maxSurge, MaxUnavailable = maxUnavailable } },
            Template = Template(image),
        },
    };

    public static V1PodTemplateSpec Template(string image) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = image }] },
    };

    /// <summary>A ReplicaSet of the Deployment for <paramref name="image"/>: <paramref name="replicas"/> wanted, <paramref name="available"/> available.</summary>
    public static V1ReplicaSet ReplicaSet(string image, int replicas, int available, long revision, int ageMinutes, int? desired = null, int? max = null)
    {
        var hash = PodTemplateHash.Compute(Template(image), null);
        var template = Template(image);
        template.Metadata.Labels[PodTemplateHash.Label] = hash;
        var annotations = new Dictionary<string, string> { [DeploymentAnnotations.Revision] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (desired is { } d)
        {
            annotations[DeploymentAnnotations.DesiredReplicas] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            annotations[DeploymentAnnotations.MaxReplicas] = (max ?? d).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-" + hash,
                NamespaceProperty = "default",
                Uid = "rs-" + hash,
                Generation = 1,
                CreationTimestamp = (Objects.Now - TimeSpan.FromMinutes(ageMinutes)).UtcDateTime,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
                Annotations = annotations,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web", Uid = Uid, Controller = true }],
            },
            Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(template.Metadata.Labels) }, Template = template },
            Status = new V1ReplicaSetStatus { Replicas = replicas, ReadyReplicas = available, AvailableReplicas = available, ObservedGeneration = 1 },
        };
    }

    public static int SizeOf(DeploymentPlan plan, V1ReplicaSet rs) =>
        plan.Update.FirstOrDefault(u => u.Metadata.Name == rs.Metadata.Name)?.Spec.Replicas ?? rs.Spec.Replicas!.Value;
}
