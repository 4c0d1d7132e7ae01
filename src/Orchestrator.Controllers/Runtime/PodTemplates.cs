using k8s;
using k8s.Models;

namespace Orchestrator.Controllers.Runtime;

/// <summary>controller.GetPodFromTemplate: a pod with the template's labels, annotations, finalizers and spec, owned by its controller.</summary>
public static class PodTemplates
{
    public static V1Pod PodFor(V1PodTemplateSpec template, IKubernetesObject<V1ObjectMeta> owner, string generateName, string ownerKind) => new()
    {
        Metadata = new V1ObjectMeta
        {
            GenerateName = generateName,
            NamespaceProperty = owner.Metadata.NamespaceProperty,
            Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
            Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
            Finalizers = template.Metadata?.Finalizers is { } finalizers ? [.. finalizers] : null,
            OwnerReferences = [OwnerReferences.For(owner, owner.ApiVersion ?? "apps/v1", owner.Kind ?? ownerKind)],
        },
        // A deep copy, so admission's defaults never write into the owner's cached template.
        Spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(template.Spec)),
    };
}
