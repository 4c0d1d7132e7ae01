using System.Globalization;

namespace Orchestrator.Grains;

/// <summary>
/// An object serialized once, with a gap where metadata.resourceVersion goes, plus what lists filter on.
/// The log fills the gap with the write's revision under its ordering lock: a copy of bytes, not a serialization.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreparedObject(
    [property: Id(0)] byte[] Prefix,
    [property: Id(1)] byte[] Suffix,
    [property: Id(2)] string Uid,
    [property: Id(3)] Dictionary<string, string>? Labels,
    [property: Id(4)] Dictionary<string, string>? Fields)
{
    /// <summary>The complete JSON with <paramref name="revision"/> as its resourceVersion.</summary>
    public byte[] Stamp(long revision)
    {
        Span<byte> digits = stackalloc byte[24];
        digits[0] = (byte)'"';
        revision.TryFormat(digits[1..], out var length, provider: CultureInfo.InvariantCulture);
        digits[length + 1] = (byte)'"';
        var rv = digits[..(length + 2)];
        var json = new byte[Prefix.Length + rv.Length + Suffix.Length];
        Prefix.CopyTo(json, 0);
        rv.CopyTo(json.AsSpan(Prefix.Length));
        Suffix.CopyTo(json, Prefix.Length + rv.Length);
        return json;
    }
}
