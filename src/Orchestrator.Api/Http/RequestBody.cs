using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Protobuf;

namespace Orchestrator.Api.Http;

/// <summary>Reads request bodies: size limit (413), media type (415) and JSON or YAML (400 when malformed).</summary>
public static class RequestBody
{
    /// <summary>Kubernetes' own request limit (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    // kubectl's typed clients (create configmap|secret|deployment|namespace..., drain's eviction) send protobuf.
    private static readonly string[] ObjectTypes = [Json, Yaml, KubernetesProtobuf.MediaType];
    private static readonly string[] PatchTypes = [JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch];

    /// <summary>The media type of the body, checked against the ones this verb accepts.</summary>
    public static string MediaType(HttpRequest request, bool patch)
    {
        var raw = request.ContentType;
        var accepted = patch ? PatchTypes : ObjectTypes;
        if (string.IsNullOrEmpty(raw))
        {
            if (patch)
            {
                throw new ApiException(415, "UnsupportedMediaType",
                    $"a PATCH needs a Content-Type: one of {string.Join(", ", PatchTypes)}");
            }
            return Json;
        }
        var mediaType = raw.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is "application/x-yaml" or "text/yaml")
        {
            mediaType = Yaml;
        }
        if (!accepted.Contains(mediaType))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format ({mediaType}) - accepted media types include: {string.Join(", ", accepted)}");
        }
        return mediaType;
    }

    /// <summary>The whole body, refused with 413 beyond <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }
        if (request.ContentLength is { } length)
        {
            // Every client here sends a Content-Length: read straight into an array of that size, with no
            // intermediate buffers (a status PATCH is a few hundred bytes; a 16 KiB chunk per request was garbage).
            var body = new byte[length];
            var filled = 0;
            while (filled < body.Length)
            {
                var read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    throw ApiException.BadRequest($"the request body ended after {filled} of the {length} bytes its Content-Length announced");
                }
                filled += read;
            }
            return body;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw TooLarge();
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a body as JSON, or YAML for the YAML media types.</summary>
    public static JsonNode ParseNode(byte[] body, string mediaType)
    {
        if (body.Length == 0)
        {
            throw ApiException.BadRequest("the request body is empty; send the object as JSON or YAML");
        }
        JsonNode? node;
        if (mediaType == KubernetesProtobuf.MediaType)
        {
            try
            {
                node = KubernetesProtobuf.Decode(body);
            }
            catch (ProtobufException e)
            {
                throw e.Message.Contains("is not supported", StringComparison.Ordinal)
                    ? new ApiException(415, "UnsupportedMediaType", e.Message)
                    : ApiException.BadRequest(e.Message);
            }
        }
        else if (mediaType is Yaml or ApplyPatch)
        {
            node = YamlJson.Parse(Encoding.UTF8.GetString(body));
        }
        else
        {
            try
            {
                node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest(
                    $"the request body is not valid JSON: {e.Message.Split(" Path:")[0]} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
            }
        }
        return node ?? throw ApiException.BadRequest("the request body is null; send the object as JSON or YAML");
    }

    /// <summary>Parses a body that must be one object.</summary>
    public static JsonObject ParseObject(byte[] body, string mediaType) =>
        ParseNode(body, mediaType) as JsonObject
        ?? throw ApiException.BadRequest("the request body must be a JSON object (a Kubernetes object with apiVersion, kind and metadata)");

    private static ApiException TooLarge() =>
        new(413, "RequestEntityTooLarge", $"the request is too large: the limit is {MaxBytes} bytes (3 MiB); split the object or keep large data out of it");
}
