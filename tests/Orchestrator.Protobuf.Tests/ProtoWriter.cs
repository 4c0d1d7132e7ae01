using System.Text;

namespace Orchestrator.Protobuf.Tests;

/// <summary>A test-only protobuf writer: fields are written in call order, as gogo-protobuf writes them.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    public static ProtoWriter New() => new();

    /// <summary>The k8s\0 prefix and the runtime.Unknown envelope around an object's message.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter raw)
    {
        var unknown = New()
            .Message(1, m => m.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw.ToArray())
            .String(3, "")
            .String(4, "");
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value) => Int(field, value ? 1 : 0);

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var message = New();
        build(message);
        return Bytes(field, message.ToArray());
    }

    public ProtoWriter Entry(int field, string key, string value) =>
        Message(field, e => e.String(1, key).String(2, value));

    public ProtoWriter Entry(int field, string key, Action<ProtoWriter> value) =>
        Message(field, e => e.String(1, key).Message(2, value));

    /// <summary>A resource.Quantity map entry, as in requests and limits.</summary>
    public ProtoWriter Quantity(int field, string key, string value) => Entry(field, key, q => q.String(1, value));

    public ProtoWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
    }
}
