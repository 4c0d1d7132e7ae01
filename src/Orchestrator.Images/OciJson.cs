using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Images;

/// <summary>JSON settings for OCI documents: camelCase, case-insensitive on read since image configs use PascalCase.</summary>
internal static class OciJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
