namespace Orchestrator.Protobuf.Schema;

/// <summary>
/// One field of a message: its number, JSON name, type and how Go's encoding/json writes it. Type is a scalar
/// (string, bytes, bool, int32, int64, uint32, uint64, double, float) or a message name; for a map, MapKey is
/// the key's scalar type and Type the value's.
/// </summary>
internal sealed record FieldSchema(
    int Number,
    string JsonName,
    string Type,
    string? MapKey,
    bool Repeated,
    bool OmitEmpty,
    bool OmitZero,
    bool Pointer,
    bool Inline)
{
    public bool IsMap => MapKey is not null;

    /// <summary>Parses a table row: [number, jsonName, type or "map:key:value", flags].</summary>
    public static FieldSchema Parse(int number, string jsonName, string type, string flags)
    {
        string? mapKey = null;
        if (type.StartsWith("map:", StringComparison.Ordinal))
        {
            var parts = type.Split(':');
            (mapKey, type) = (parts[1], parts[2]);
        }
        return new FieldSchema(
            number,
            jsonName,
            type,
            mapKey,
            Repeated: flags.Contains('r'),
            OmitEmpty: flags.Contains('o'),
            OmitZero: flags.Contains('z'),
            Pointer: flags.Contains('p'),
            Inline: flags.Contains('i'));
    }
}
