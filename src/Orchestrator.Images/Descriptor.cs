namespace Orchestrator.Images;

/// <summary>An OCI content descriptor: what a manifest or index says about a blob it points to.</summary>
internal sealed record Descriptor
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>containerd's and Docker's annotation for the full name, where ref.name holds only the tag.</summary>
    public const string ContainerdNameAnnotation = "io.containerd.image.name";

    public string MediaType { get; init; } = "";

    public string Digest { get; init; } = "";

    public long Size { get; init; }

    public OciPlatform? Platform { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var value) ? value : null;
}
