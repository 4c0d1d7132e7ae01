using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Protobuf.Schema;

namespace Orchestrator.Protobuf;

/// <summary>
/// Decodes one message by its schema into the JSON Go's encoding/json would write for the same value:
/// fields in struct order, omitempty/omitzero honoured, absent non-omitempty fields written as their zero
/// value, inlined structs merged into their parent, []byte as base64.
/// </summary>
internal sealed class MessageDecoder(ProtoSchema schema)
{
    public JsonNode? DecodeMessage(string type, ReadOnlySpan<byte> data)
    {
        if (WellKnownMessages.IsWellKnown(type))
        {
            return WellKnownMessages.Decode(type, data);
        }
        if (!schema.Messages.TryGetValue(type, out var message))
        {
            throw new ProtobufException($"the protobuf schema has no message {type}");
        }
        return Decode(message, data);
    }

    public JsonObject Decode(MessageSchema message, ReadOnlySpan<byte> data)
    {
        var slots = new JsonNode?[message.Fields.Count];
        var present = new bool[message.Fields.Count];
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            var index = message.IndexOf(number);
            if (index < 0)
            {
                reader.Skip(wire);
                continue;
            }
            var field = message.Fields[index];
            if (field.IsMap)
            {
                Expect(ref reader, message, field, wire, WireType.LengthDelimited);
                var map = (JsonObject)(slots[index] ??= new JsonObject());
                ReadMapEntry(reader.ReadLengthDelimited(), message, field, map);
            }
            else if (field.Repeated)
            {
                var array = (JsonArray)(slots[index] ??= new JsonArray());
                ReadRepeated(ref reader, message, field, wire, array);
            }
            else
            {
                slots[index] = ReadValue(ref reader, message, field, field.Type, wire);
            }
            present[index] = true;
        }
        return Build(message, slots, present);
    }

    private JsonObject Build(MessageSchema message, JsonNode?[] slots, bool[] present)
    {
        var result = new JsonObject();
        for (var i = 0; i < message.Fields.Count; i++)
        {
            var field = message.Fields[i];
            if (field.Inline)
            {
                if (present[i] || !field.Pointer)
                {
                    var inner = (present[i] ? slots[i] : Zero(field.Type)) as JsonObject ?? [];
                    foreach (var (name, value) in inner.ToList())
                    {
                        inner.Remove(name);
                        result[name] = value;
                    }
                }
                continue;
            }
            var sliceLike = field.Repeated || field.IsMap || field.Type == "bytes";
            JsonNode? node;
            if (present[i])
            {
                node = slots[i];
                if ((field.Repeated || field.IsMap) && node is JsonArray { Count: 0 } or JsonObject { Count: 0 }
                    && (field.OmitEmpty || field.OmitZero))
                {
                    continue;
                }
            }
            else if (sliceLike || field.Pointer)
            {
                if (field.OmitEmpty || field.OmitZero)
                {
                    continue;
                }
                node = null;
            }
            else
            {
                node = Zero(field.Type);
            }
            if (!field.Pointer && !sliceLike && IsOmitted(field, node))
            {
                continue;
            }
            result[field.JsonName] = node;
        }
        return result;
    }

    // Go's omitempty never omits a struct; omitzero omits a struct that is its zero value.
    private static bool IsOmitted(FieldSchema field, JsonNode? node)
    {
        var scalar = IsScalar(field.Type);
        if (field.OmitEmpty && scalar && IsEmptyScalar(node))
        {
            return true;
        }
        return field.OmitZero && (node is null || IsEmptyScalar(node) || node is JsonObject { Count: 0 });
    }

    private static bool IsEmptyScalar(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>().Length == 0,
        JsonValueKind.Number => node.ToJsonString() == "0",
        JsonValueKind.False => true,
        _ => false,
    };

    private static bool IsScalar(string type) => type is "string" or "bytes" or "bool" or "int32" or "int64"
        or "uint32" or "uint64" or "double" or "float";

    private JsonNode? Zero(string type) => type switch
    {
        "string" => JsonValue.Create(""),
        "bytes" => null,
        "bool" => JsonValue.Create(false),
        "int32" or "int64" or "uint32" or "uint64" or "double" or "float" => JsonValue.Create(0),
        _ when WellKnownMessages.IsWellKnown(type) => WellKnownMessages.Zero(type),
        _ => DecodeMessage(type, []),
    };

    private void ReadRepeated(ref ProtoReader reader, MessageSchema message, FieldSchema field, WireType wire, JsonArray array)
    {
        var packable = IsScalar(field.Type) && field.Type is not ("string" or "bytes");
        if (packable && wire == WireType.LengthDelimited)
        {
            var packed = new ProtoReader(reader.ReadLengthDelimited());
            var elementWire = field.Type switch
            {
                "double" => WireType.Fixed64,
                "float" => WireType.Fixed32,
                _ => WireType.Varint,
            };
            while (!packed.AtEnd)
            {
                array.Add(ReadValue(ref packed, message, field, field.Type, elementWire));
            }
            return;
        }
        array.Add(ReadValue(ref reader, message, field, field.Type, wire));
    }

    private void ReadMapEntry(ReadOnlySpan<byte> entry, MessageSchema message, FieldSchema field, JsonObject map)
    {
        var reader = new ProtoReader(entry);
        JsonNode? key = null;
        JsonNode? value = null;
        var hasValue = false;
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    key = ReadValue(ref reader, message, field, field.MapKey!, wire);
                    break;
                case 2:
                    value = ReadValue(ref reader, message, field, field.Type, wire);
                    hasValue = true;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        var name = key is null ? "" : key.GetValueKind() == JsonValueKind.String ? key.GetValue<string>() : key.ToJsonString();
        map[name] = hasValue ? value : Zero(field.Type);
    }

    private JsonNode? ReadValue(ref ProtoReader reader, MessageSchema message, FieldSchema field, string type, WireType wire)
    {
        switch (type)
        {
            case "string":
                Expect(ref reader, message, field, wire, WireType.LengthDelimited);
                return JsonValue.Create(Encoding.UTF8.GetString(reader.ReadLengthDelimited()));
            case "bytes":
                Expect(ref reader, message, field, wire, WireType.LengthDelimited);
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            case "double":
                Expect(ref reader, message, field, wire, WireType.Fixed64);
                return JsonValue.Create(BitConverter.UInt64BitsToDouble(reader.ReadFixed64()));
            case "float":
                Expect(ref reader, message, field, wire, WireType.Fixed32);
                return JsonValue.Create(BitConverter.UInt32BitsToSingle(reader.ReadFixed32()));
        }
        if (IsScalar(type))
        {
            Expect(ref reader, message, field, wire, WireType.Varint);
            var raw = reader.ReadVarint();
            return type switch
            {
                "bool" => JsonValue.Create(raw != 0),
                "int32" => JsonValue.Create((int)raw),
                "int64" => JsonValue.Create((long)raw),
                "uint32" => JsonValue.Create((uint)raw),
                _ => JsonValue.Create(raw),
            };
        }
        Expect(ref reader, message, field, wire, WireType.LengthDelimited);
        return DecodeMessage(type, reader.ReadLengthDelimited());
    }

    private static void Expect(ref ProtoReader reader, MessageSchema message, FieldSchema field, WireType actual, WireType expected)
    {
        if (actual != expected)
        {
            var name = field.JsonName.Length == 0 ? $"#{field.Number}" : field.JsonName;
            throw reader.Malformed($"{message.Name}.{name} has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
