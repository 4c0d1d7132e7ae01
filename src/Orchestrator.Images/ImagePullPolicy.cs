namespace Orchestrator.Images;

/// <summary>A container's imagePullPolicy, as Kubernetes spells it.</summary>
public enum ImagePullPolicy
{
    /// <summary>Resolve the reference at the registry every time; blobs already present are reused.</summary>
    Always,

    /// <summary>Use the local image when the reference resolves locally; pull otherwise.</summary>
    IfNotPresent,

    /// <summary>Use the local image or fail; never contact a registry.</summary>
    Never,
}
