using System.Text.Json;

namespace Orchestrator.Grains.Scheduling;

/// <summary>
/// A 64-bit hash of the parts of a stored pod or node that the scheduler translates, read with one forward pass of
/// the JSON reader: two versions with the same fingerprint translate alike, so the scheduler can skip the typed
/// deserialize (15 % of the server's time under binding load, measured) for bindings and status updates.
/// Hashes are per process (<see cref="HashCode"/> is seeded randomly), which is all an in-memory cache needs.
/// </summary>
public static class ObjectFingerprint
{
    /// <summary>
    /// A pod without what binding and the kubelet change: metadata.resourceVersion and managedFields, spec.nodeName and
    /// status (the caller reads status.nominatedNodeName and status.phase from the stored summary instead).
    /// </summary>
    public static long OfPod(ReadOnlySpan<byte> json) => Of(json, pod: true);

    /// <summary>A node without metadata.resourceVersion, managedFields, annotations and any status but allocatable and capacity.</summary>
    public static long OfNode(ReadOnlySpan<byte> json) => Of(json, pod: false);

    private static long Of(ReadOnlySpan<byte> json, bool pod)
    {
        var low = new HashCode();
        var high = new HashCode();
        high.Add(0x5bd1e995);
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return 0;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var section = reader.ValueTextEquals("metadata"u8) ? Section.Metadata
                : reader.ValueTextEquals("spec"u8) ? Section.Spec
                : reader.ValueTextEquals("status"u8) ? Section.Status
                : Section.Other;
            var nameStart = reader.TokenStartIndex;
            reader.Read();
            if (section == Section.Other || reader.TokenType != JsonTokenType.StartObject)
            {
                Add(ref low, ref high, json, nameStart, ref reader);
                continue;
            }
            Add(ref low, ref high, json[(int)nameStart..(int)reader.BytesConsumed]);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = reader.TokenStartIndex;
                var skip = section switch
                {
                    Section.Metadata => reader.ValueTextEquals("resourceVersion"u8) || reader.ValueTextEquals("managedFields"u8)
                        || (!pod && reader.ValueTextEquals("annotations"u8)),
                    Section.Spec => pod && reader.ValueTextEquals("nodeName"u8),
                    _ => pod || !(reader.ValueTextEquals("allocatable"u8) || reader.ValueTextEquals("capacity"u8)),
                };
                reader.Read();
                if (skip)
                {
                    reader.Skip();
                }
                else
                {
                    Add(ref low, ref high, json, start, ref reader);
                }
            }
        }
        return ((long)high.ToHashCode() << 32) | (uint)low.ToHashCode();
    }

    /// <summary>Hashes a property from its name to the end of its value (the reader stands on the value).</summary>
    private static void Add(ref HashCode low, ref HashCode high, ReadOnlySpan<byte> json, long start, ref Utf8JsonReader reader)
    {
        reader.Skip();
        Add(ref low, ref high, json[(int)start..(int)reader.BytesConsumed]);
    }

    private static void Add(ref HashCode low, ref HashCode high, ReadOnlySpan<byte> bytes)
    {
        low.AddBytes(bytes);
        high.Add(bytes.Length);
        high.AddBytes(bytes);
    }

    private enum Section
    {
        Other,
        Metadata,
        Spec,
        Status,
    }
}
