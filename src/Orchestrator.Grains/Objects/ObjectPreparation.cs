using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Grains.Objects;

/// <summary>Serializes an object once for the log: metadata.resourceVersion first in metadata, left as a gap.</summary>
public static class ObjectPreparation
{
    public static PreparedObject Prepare(string resource, JsonObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
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
        var summary = ObjectSummarizer.Summarize(resource, obj);
        return new PreparedObject(written[..gapStart].ToArray(), written[gapEnd..].ToArray(), summary.Uid,
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
