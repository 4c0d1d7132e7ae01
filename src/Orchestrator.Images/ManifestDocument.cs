using System.Text.Json;

namespace Orchestrator.Images;

/// <summary>An image manifest or an image index (manifest list): one shape, since the JSON tells them apart only by fields.</summary>
internal sealed record ManifestDocument
{
    public int SchemaVersion { get; init; }

    public string? MediaType { get; init; }

    public Descriptor? Config { get; init; }

    public List<Descriptor>? Layers { get; init; }

    public List<Descriptor>? Manifests { get; init; }

    public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>The media type the document says, else the one it was served as, else what its fields imply.</summary>
    public string KindFrom(string? contentType) =>
        MediaType is { Length: > 0 } ? MediaType
        : contentType is { } served && (MediaTypes.IsIndex(served) || MediaTypes.IsManifest(served)) ? served
        : Manifests is not null ? MediaTypes.OciIndex
        : MediaTypes.OciManifest;

    public bool IsIndex(string? contentType) => MediaTypes.IsIndex(KindFrom(contentType));

    public static ManifestDocument Parse(ReadOnlySpan<byte> json, string what)
    {
        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ManifestDocument>(json, OciJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not valid JSON: {e.Message}", e);
        }

        if (document is null || document.SchemaVersion != 2)
        {
            throw new InvalidDataException(
                $"{what} is not a schema 2 image manifest or index (Docker schema 1 images are not supported; re-push the image with a current client)");
        }

        var isIndex = document.Manifests is not null;
        if (!isIndex && (document.Config is null || document.Layers is null))
        {
            throw new InvalidDataException($"{what} has neither manifests nor config and layers");
        }

        foreach (var descriptor in (document.Manifests ?? []).Concat(document.Layers ?? []).Append(document.Config).OfType<Descriptor>())
        {
            Digests.Require(descriptor.Digest, what);
        }

        return document;
    }

    /// <summary>The entry of an index that runs on <paramref name="platform"/>, skipping attestations ("unknown/unknown").</summary>
    public Descriptor SelectPlatform(OciPlatform platform, string reference)
    {
        var entries = Manifests ?? [];
        var match = entries.FirstOrDefault(e => e.Platform is { } p && platform.Matches(p))
            // An index whose entries carry no platform (some single-image OCI layouts) has nothing to choose between.
            ?? (entries.Count == 1 && entries[0].Platform is null ? entries[0] : null);
        if (match is not null)
        {
            return match;
        }

        var offered = entries.Select(e => e.Platform?.ToString()).OfType<string>().Where(p => !p.StartsWith("unknown", StringComparison.Ordinal)).Distinct();
        throw new ImageNotFoundException(
            reference, $"image \"{reference}\" has no manifest for {platform} (it has: {string.Join(", ", offered.DefaultIfEmpty("none"))})");
    }
}
