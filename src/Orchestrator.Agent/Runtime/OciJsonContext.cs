using System.Text.Json.Serialization;

namespace Orchestrator.Agent.Runtime;

// Source-generated so writing config.json needs no reflection; camelCase is the OCI spec's naming.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(OciState))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
