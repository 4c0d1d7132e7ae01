using Microsoft.AspNetCore.Http;

namespace Orchestrator.Api.Http;

/// <summary>
/// Reads Accept the way the apiserver does: a list of media types, the first one it can serve wins;
/// <c>as=Table;g=meta.k8s.io;v=v1</c> asks for a Table and <c>as=PartialObjectMetadata</c> for metadata only.
/// </summary>
public static class Negotiation
{
    public const string TableMediaType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static ResponseFormat Choose(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseFormat.Json;
        }
        foreach (var range in accept.Split(','))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            var mediaType = parts[0].ToLowerInvariant();
            if (mediaType is not ("application/json" or "application/*" or "*/*" or "application/yaml"))
            {
                continue;
            }
            var parameters = parts.Skip(1)
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].ToLowerInvariant(), p => p[1]);
            if (!parameters.TryGetValue("as", out var representation))
            {
                return ResponseFormat.Json;
            }
            var isMeta = parameters.GetValueOrDefault("g") == "meta.k8s.io" && parameters.GetValueOrDefault("v") is "v1" or "v1beta1";
            switch (representation)
            {
                case "Table" when isMeta:
                    return ResponseFormat.Table;
                case "PartialObjectMetadata" or "PartialObjectMetadataList" when isMeta:
                    return ResponseFormat.PartialObjectMetadata;
            }
        }
        throw new ApiException(406, "NotAcceptable",
            $"only the following media types are accepted: application/json, application/yaml, {TableMediaType} (asked for: {accept})");
    }
}
