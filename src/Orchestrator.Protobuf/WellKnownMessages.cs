using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Protobuf;

/// <summary>Messages whose JSON form is not an object: Time, MicroTime, Quantity, IntOrString and FieldsV1.</summary>
internal static class WellKnownMessages
{
    // time.Time{}.Unix(): a zero Go time round-trips through protobuf as these seconds.
    private const long GoZeroTimeSeconds = -62135596800;

    public static bool IsWellKnown(string type) =>
        type is "meta.v1.Time" or "meta.v1.MicroTime" or "resource.Quantity" or "intstr.IntOrString" or "meta.v1.FieldsV1";

    /// <summary>The JSON of the message's Go zero value.</summary>
    public static JsonNode? Zero(string type) => type switch
    {
        "resource.Quantity" => JsonValue.Create("0"),
        "intstr.IntOrString" => JsonValue.Create(0),
        _ => null,
    };

    public static JsonNode? Decode(string type, ReadOnlySpan<byte> data) => type switch
    {
        "meta.v1.Time" => DecodeTime(data, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'"),
        "meta.v1.MicroTime" => DecodeTime(data, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'"),
        "resource.Quantity" => DecodeQuantity(data),
        "intstr.IntOrString" => DecodeIntOrString(data),
        "meta.v1.FieldsV1" => DecodeFieldsV1(data),
        _ => throw new InvalidOperationException($"{type} is not a well-known message"),
    };

    private static JsonNode? DecodeTime(ReadOnlySpan<byte> data, string format)
    {
        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field is 1 or 2 && wire == WireType.Varint)
            {
                var value = (long)reader.ReadVarint();
                if (field == 1)
                {
                    seconds = value;
                }
                else
                {
                    nanos = (int)value;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if ((seconds == 0 || seconds == GoZeroTimeSeconds) && nanos == 0)
        {
            return null;
        }
        try
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.AddTicks(nanos / 100);
            return JsonValue.Create(time.ToString(format, CultureInfo.InvariantCulture));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ProtobufException($"the time {seconds}s {nanos}ns is outside the years 0001 to 9999", e);
        }
    }

    private static JsonNode DecodeQuantity(ReadOnlySpan<byte> data)
    {
        var text = "";
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return JsonValue.Create(text.Length == 0 ? "0" : text);
    }

    private static JsonNode DecodeIntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intValue = 0;
        var stringValue = "";
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field, wire)
            {
                case (1, WireType.Varint):
                    type = (long)reader.ReadVarint();
                    break;
                case (2, WireType.Varint):
                    intValue = (int)reader.ReadVarint();
                    break;
                case (3, WireType.LengthDelimited):
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }

    private static JsonNode? DecodeFieldsV1(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        JsonNode? result = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == WireType.LengthDelimited)
            {
                var raw = reader.ReadLengthDelimited();
                try
                {
                    result = raw.IsEmpty ? null : JsonNode.Parse(raw);
                }
                catch (JsonException e)
                {
                    throw new ProtobufException("managedFields[].fieldsV1 is not valid JSON: " + e.Message, e);
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return result;
    }
}
