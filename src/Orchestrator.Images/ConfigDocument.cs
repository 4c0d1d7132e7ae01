using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Images;

/// <summary>The parts of an OCI image config blob this store reads.</summary>
internal sealed record ConfigDocument
{
    public string? Architecture { get; init; }

    public string? Os { get; init; }

    public RunConfig? Config { get; init; }

    public RootFs? Rootfs { get; init; }

    public static ConfigDocument Parse(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<ConfigDocument>(json, OciJson.Options)
                ?? throw new InvalidDataException($"{what} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not a valid image config: {e.Message}", e);
        }
    }

    public ImageConfig ToImageConfig() => new(
        Config?.Entrypoint ?? [],
        Config?.Cmd ?? [],
        Config?.Env ?? [],
        Config?.WorkingDir ?? "",
        Config?.User ?? "",
        Os ?? "",
        Architecture ?? "");

    /// <summary>The "config" object, whose keys Docker writes in PascalCase.</summary>
    internal sealed record RunConfig
    {
        [JsonPropertyName("Entrypoint")]
        public List<string>? Entrypoint { get; init; }

        [JsonPropertyName("Cmd")]
        public List<string>? Cmd { get; init; }

        [JsonPropertyName("Env")]
        public List<string>? Env { get; init; }

        [JsonPropertyName("WorkingDir")]
        public string? WorkingDir { get; init; }

        [JsonPropertyName("User")]
        public string? User { get; init; }
    }

    /// <summary>The uncompressed digests of the layers, in order, which unpacking checks.</summary>
    internal sealed record RootFs
    {
        public string? Type { get; init; }

        [JsonPropertyName("diff_ids")]
        public List<string>? DiffIds { get; init; }
    }
}
