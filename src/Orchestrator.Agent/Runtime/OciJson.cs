using System.Text.Json;

namespace Orchestrator.Agent.Runtime;

/// <summary>Reads and writes OCI documents with the spec's field names.</summary>
public static class OciJson
{
    public static string Serialize(OciSpec spec) => JsonSerializer.Serialize(spec, OciJsonContext.Default.OciSpec);

    public static OciSpec DeserializeSpec(string json) =>
        JsonSerializer.Deserialize(json, OciJsonContext.Default.OciSpec) ?? throw new JsonException("config.json is null.");

    public static OciState DeserializeState(string json) =>
        JsonSerializer.Deserialize(json, OciJsonContext.Default.OciState) ?? throw new JsonException("The runtime's state is null.");
}
