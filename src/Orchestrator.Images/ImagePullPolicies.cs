namespace Orchestrator.Images;

/// <summary>Kubernetes' rules for pull policies, as pure functions.</summary>
public static class ImagePullPolicies
{
    /// <summary>
    /// The API server's default when a container gives none: Always for ":latest" (written or implied), IfNotPresent
    /// otherwise. A digest without a tag implies no tag, so "busybox@sha256:..." is IfNotPresent, as in kubelet.
    /// </summary>
    public static ImagePullPolicy DefaultFor(ImageReference reference) =>
        reference.Tag == "latest" ? ImagePullPolicy.Always : ImagePullPolicy.IfNotPresent;

    /// <summary>The policy a container spec asks for, its default when empty.</summary>
    public static ImagePullPolicy Parse(string? policy, ImageReference reference) => policy switch
    {
        null or "" => DefaultFor(reference),
        "Always" => ImagePullPolicy.Always,
        "IfNotPresent" => ImagePullPolicy.IfNotPresent,
        "Never" => ImagePullPolicy.Never,
        _ => throw new ArgumentException(
            $"unsupported imagePullPolicy \"{policy}\": use Always, IfNotPresent or Never", nameof(policy)),
    };
}
