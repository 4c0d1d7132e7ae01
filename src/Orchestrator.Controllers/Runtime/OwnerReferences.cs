using k8s;
using k8s.Models;

namespace Orchestrator.Controllers.Runtime;

/// <summary>Controller references: who controls an object, and the reference a controller stamps on what it creates or adopts.</summary>
public static class OwnerReferences
{
    public static V1OwnerReference? ControllerOf(V1ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    public static bool IsControlledBy(V1ObjectMeta metadata, string ownerUid) =>
        ControllerOf(metadata)?.Uid == ownerUid;

    /// <summary>controller: true and blockOwnerDeletion: true, as kube's controllers set them.</summary>
    public static V1OwnerReference For(IKubernetesObject<V1ObjectMeta> owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name,
        Uid = owner.Metadata.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
