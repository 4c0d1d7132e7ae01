using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Grains.Objects;

/// <summary>
/// An object serialized once with a gap where metadata.resourceVersion goes, so that stamping the revision
/// (which happens under the log's ordering lock) is a copy of bytes, not a serialization.
/// </summary>
public sealed class RevisionStamp
{
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;

    private RevisionStamp(byte[] prefix, byte[] suffix)
    {
        _prefix = prefix;
        _suffix = suffix;
    }

    /// <summary>Serializes <paramref name="obj"/> with metadata.resourceVersion first in metadata, left open.</summary>
    public static RevisionStamp Of(JsonObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        var gapStart = -1;
        var gapEnd = -1;
        writer.WriteStartObject();
        foreach (var (name, value) in obj)
        {
            writer.WritePropertyName(name);
            if (name == "metadata" && value is JsonObject metadata)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("resourceVersion");
                writer.Flush();
                gapStart = buffer.WrittenCount;
                writer.WriteStringValue("0");
                writer.Flush();
                gapEnd = buffer.WrittenCount;
                foreach (var (field, fieldValue) in metadata)
                {
                    if (field != "resourceVersion")
                    {
                        writer.WritePropertyName(field);
                        WriteValue(writer, fieldValue);
                    }
                }
                writer.WriteEndObject();
            }
            else
            {
                WriteValue(writer, value);
            }
        }
        writer.WriteEndObject();
        writer.Flush();
        if (gapStart < 0)
        {
            throw new ArgumentException("the object has no metadata", nameof(obj));
        }
        var written = buffer.WrittenSpan;
        return new RevisionStamp(written[..gapStart].ToArray(), written[gapEnd..].ToArray());
    }

    /// <summary>The complete JSON with <paramref name="revision"/> as its resourceVersion.</summary>
    public byte[] Stamp(long revision)
    {
        Span<byte> digits = stackalloc byte[24];
        digits[0] = (byte)'"';
        revision.TryFormat(digits[1..], out var length, provider: CultureInfo.InvariantCulture);
        digits[length + 1] = (byte)'"';
        var rv = digits[..(length + 2)];
        var json = new byte[_prefix.Length + rv.Length + _suffix.Length];
        _prefix.CopyTo(json, 0);
        rv.CopyTo(json.AsSpan(_prefix.Length));
        _suffix.CopyTo(json, _prefix.Length + rv.Length);
        return json;
    }

    public override string ToString() => Encoding.UTF8.GetString(Stamp(0));

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
