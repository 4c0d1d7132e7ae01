using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Grains.Objects;

/// <summary>Serializes an object once for the log: metadata.resourceVersion first in metadata, left as a gap.</summary>
public static class ObjectPreparation
{
    // One buffer and writer per thread, reused: a pod with its managed fields is 5-10 KB, and a fresh buffer grew
    // through 2, 4 and 8 KB on every write before the two halves were copied out of it anyway.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static PreparedObject Prepare(string resource, JsonObject obj)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
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
        var (prefix, suffix) = (written[..gapStart].ToArray(), written[gapEnd..].ToArray());
        if (buffer.Capacity > 1024 * 1024)
        {
            // A rare huge object (up to the 3 MiB request limit) is not kept alive by the thread afterwards.
            (_buffer, _writer) = (null, null);
        }
        var summary = ObjectSummarizer.Summarize(resource, obj);
        return new PreparedObject(prefix, suffix, summary.Uid,
            summary.Labels as Dictionary<string, string>, summary.Fields as Dictionary<string, string>);
    }

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
