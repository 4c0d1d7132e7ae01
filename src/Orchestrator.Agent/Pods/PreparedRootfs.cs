namespace Orchestrator.Agent.Pods;

/// <summary>A container's root folder, the image's id for the pod status, and the image's config when known.</summary>
public sealed record PreparedRootfs(string Path, string ImageId, ImageConfig? Config)
{
    /// <summary>Whether the image was downloaded for this attempt rather than found on the node.</summary>
    public bool Pulled { get; init; }
}
