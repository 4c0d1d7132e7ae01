namespace Orchestrator.Images;

/// <summary>The manifest and layer media types of the OCI image spec and of Docker's v2 schema 2.</summary>
internal static class MediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciNondistributableLayer = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public const string OciNondistributableLayerGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>What a registry is told the client accepts; schema 1 is left out, since nothing serves it any more.</summary>
    public static readonly string[] Manifests = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    public static bool IsIndex(string mediaType) => mediaType is OciIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Whether a layer is gzip-compressed; throws for layers this store cannot unpack.</summary>
    public static bool IsGzipLayer(string mediaType) => mediaType switch
    {
        OciLayerGzip or OciNondistributableLayerGzip or DockerLayerGzip or DockerForeignLayerGzip => true,
        OciLayer or OciNondistributableLayer => false,
        OciLayerZstd => throw new NotSupportedException("zstd-compressed layers are not supported yet; push the image with gzip layers"),
        _ => throw new NotSupportedException($"layer media type \"{mediaType}\" is not supported: expected a tar, optionally gzip-compressed"),
    };
}
