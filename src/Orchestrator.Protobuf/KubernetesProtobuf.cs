using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Protobuf.Schema;

namespace Orchestrator.Protobuf;

/// <summary>Decodes Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf) into wire JSON.</summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>
    /// Decodes a k8s protobuf body (the "k8s\0" prefix and a runtime.Unknown envelope) into the JSON the same
    /// object encodes to, apiVersion and kind included.
    /// </summary>
    /// <exception cref="ProtobufException">The body is malformed or its kind is not one this server decodes.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new ProtobufException("the protobuf body is not a Kubernetes object: missing the k8s\\0 prefix");
        }
        var envelope = Envelope.Read(body[Magic.Length..]);
        if (envelope.Kind.Length == 0 || envelope.ApiVersion.Length == 0)
        {
            throw new ProtobufException("the protobuf body does not name its apiVersion and kind");
        }
        if (envelope.ContentEncoding.Length != 0)
        {
            throw new ProtobufException($"protobuf bodies with contentEncoding {envelope.ContentEncoding} are not supported; send JSON");
        }

        JsonObject decoded;
        if (envelope.ContentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            decoded = ParseJson(envelope.Raw);
        }
        else if (envelope.ContentType.Length == 0 || envelope.ContentType == MediaType)
        {
            var schema = ProtoSchema.Instance;
            var message = schema.ForKind(envelope.ApiVersion, envelope.Kind)
                ?? throw new ProtobufException(
                    $"protobuf decoding of {envelope.ApiVersion}/{envelope.Kind} is not supported; send JSON");
            decoded = new MessageDecoder(schema).Decode(message, envelope.Raw);
        }
        else
        {
            throw new ProtobufException($"protobuf bodies wrapping {envelope.ContentType} are not supported; send JSON");
        }

        var result = new JsonObject
        {
            ["apiVersion"] = envelope.ApiVersion,
            ["kind"] = envelope.Kind,
        };
        foreach (var (name, value) in decoded.ToList())
        {
            if (name is not ("apiVersion" or "kind"))
            {
                decoded.Remove(name);
                result[name] = value;
            }
        }
        return result;
    }

    private static JsonObject ParseJson(byte[] raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject
                ?? throw new ProtobufException("the JSON inside the protobuf body is not an object");
        }
        catch (JsonException e)
        {
            throw new ProtobufException("the JSON inside the protobuf body is not valid: " + e.Message, e);
        }
    }

    /// <summary>runtime.Unknown: typeMeta(1){apiVersion(1), kind(2)}, raw(2), contentEncoding(3), contentType(4).</summary>
    private sealed record Envelope(string ApiVersion, string Kind, byte[] Raw, string ContentEncoding, string ContentType)
    {
        public static Envelope Read(ReadOnlySpan<byte> data)
        {
            var envelope = new Envelope("", "", [], "", "");
            var reader = new ProtoReader(data);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (wire != WireType.LengthDelimited || field > 4)
                {
                    reader.Skip(wire);
                    continue;
                }
                var value = reader.ReadLengthDelimited();
                envelope = field switch
                {
                    1 => ReadTypeMeta(envelope, value),
                    2 => envelope with { Raw = value.ToArray() },
                    3 => envelope with { ContentEncoding = Encoding.UTF8.GetString(value) },
                    _ => envelope with { ContentType = Encoding.UTF8.GetString(value) },
                };
            }
            return envelope;
        }

        private static Envelope ReadTypeMeta(Envelope envelope, ReadOnlySpan<byte> data)
        {
            var reader = new ProtoReader(data);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field is 1 or 2 && wire == WireType.LengthDelimited)
                {
                    var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    envelope = field == 1 ? envelope with { ApiVersion = text } : envelope with { Kind = text };
                }
                else
                {
                    reader.Skip(wire);
                }
            }
            return envelope;
        }
    }
}
