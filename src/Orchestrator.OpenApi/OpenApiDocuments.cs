using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.OpenApi;

/// <summary>The OpenAPI v3 discovery index and one cached document per served group/version, as <c>GET /openapi/v3</c> serves them.</summary>
public sealed class OpenApiDocuments
{
    private readonly Dictionary<string, Lazy<(byte[] Body, string Hash)>> _documents = new(StringComparer.Ordinal);

    public OpenApiDocuments(ResourceRegistry registry)
    {
        foreach (var (group, version) in registry.GroupVersions)
        {
            var resources = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
            _documents[PathOf(group, version)] = new(() => Render(resources, group, version));
        }
    }

    /// <summary>The group/version paths served, e.g. <c>api/v1</c>, <c>apis/apps/v1</c>.</summary>
    public IEnumerable<string> GroupVersionPaths => _documents.Keys;

    /// <summary>The body of <c>GET /openapi/v3</c>: every group/version with the URL of its document, hash included.</summary>
    public JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var (path, document) in _documents)
        {
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={document.Value.Hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The UTF-8 JSON document of <paramref name="groupVersionPath"/> (e.g. <c>apis/apps/v1</c>), or null when not served.</summary>
    public byte[]? Document(string groupVersionPath) =>
        _documents.TryGetValue(Trim(groupVersionPath), out var document) ? document.Value.Body : null;

    /// <summary>The content hash of the document (upper-case hex SHA-512), for its URL and ETag; null when not served.</summary>
    public string? Hash(string groupVersionPath) =>
        _documents.TryGetValue(Trim(groupVersionPath), out var document) ? document.Value.Hash : null;

    private static (byte[] Body, string Hash) Render(IEnumerable<ResourceDescriptor> resources, string group, string version)
    {
        var body = Encoding.UTF8.GetBytes(GroupVersionDocument.Build(resources, group, version).ToJsonString());
        return (body, Convert.ToHexString(SHA512.HashData(body)));
    }

    private static string PathOf(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static string Trim(string path) => path.Trim('/');
}
