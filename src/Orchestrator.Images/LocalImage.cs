namespace Orchestrator.Images;

/// <summary>An image that is complete in the local store, and whether getting it took a download.</summary>
public sealed record LocalImage(ImageReference Reference, string ManifestDigest, ImageConfig Config)
{
    /// <summary>True when the registry was asked for the manifest during this call.</summary>
    public bool Pulled { get; init; }

    /// <summary>Bytes of blobs fetched during this call; zero when every blob was already present.</summary>
    public long DownloadedBytes { get; init; }
}
