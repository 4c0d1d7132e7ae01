using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Apply.Fields;

/// <summary>One step of a field path, as structured-merge-diff names it: a field, a keyed list element, a set value or an index.</summary>
internal sealed class PathElement : IEquatable<PathElement>, IComparable<PathElement>
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _keyBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _keyWriter;

    private PathElement(PathElementKind kind, string text, string? field, IReadOnlyList<KeyValuePair<string, JsonNode?>>? key, JsonNode? value, int index)
    {
        Kind = kind;
        Text = text;
        Field = field;
        Key = key;
        Value = value;
        Index = index;
    }

    public PathElementKind Kind { get; }

    /// <summary>The FieldsV1 spelling (<c>f:name</c>, <c>k:{"name":"web"}</c>, <c>v:"x"</c>, <c>i:0</c>), which is also its identity.</summary>
    public string Text { get; }

    public string? Field { get; }

    public IReadOnlyList<KeyValuePair<string, JsonNode?>>? Key { get; }

    public JsonNode? Value { get; }

    public int Index { get; }

    public static PathElement OfField(string name) => new(PathElementKind.Field, "f:" + name, name, null, null, 0);

    public static PathElement OfKey(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var sorted = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (name, value) in fields)
        {
            // Stable insertion by name: keys are one or two fields, and equal names keep their order as OrderBy did.
            var at = sorted.Count;
            while (at > 0 && string.CompareOrdinal(sorted[at - 1].Key, name) > 0)
            {
                at--;
            }
            sorted.Insert(at, KeyValuePair.Create(name, value?.DeepClone()));
        }
        var buffer = _keyBuffer ??= new ArrayBufferWriter<byte>(128);
        buffer.ResetWrittenCount();
        var writer = _keyWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Compact.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        // What JsonObject.ToJsonString(Compact) writes for these members, without building the object.
        writer.WriteStartObject();
        foreach (var (name, value) in sorted)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer, Compact);
            }
        }
        writer.WriteEndObject();
        writer.Flush();
        return new(PathElementKind.Key, "k:" + Encoding.UTF8.GetString(buffer.WrittenSpan), null, sorted, null, 0);
    }

    public static PathElement OfValue(JsonNode? value) =>
        new(PathElementKind.Value, "v:" + Serialize(value), null, null, value?.DeepClone(), 0);

    public static PathElement OfIndex(int index) => new(PathElementKind.Index, "i:" + index, null, null, null, index);

    /// <summary>Reads the FieldsV1 spelling of an element.</summary>
    public static PathElement Parse(string text)
    {
        if (text.Length < 2 || text[1] != ':')
        {
            throw new FormatException($"invalid path element '{text}'");
        }
        var body = text[2..];
        return text[0] switch
        {
            'f' => new(PathElementKind.Field, text, body, null, null, 0),
            'k' => OfKey((JsonNode.Parse(body) as JsonObject ?? throw new FormatException($"invalid key '{text}'"))
                .Select(p => KeyValuePair.Create(p.Key, p.Value))),
            'v' => OfValue(JsonNode.Parse(body)),
            'i' => OfIndex(int.Parse(body, System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"invalid path element '{text}'"),
        };
    }

    /// <summary>The spelling in a conflict message: <c>.name</c>, <c>[name="web"]</c>, <c>[="x"]</c>, <c>[0]</c>.</summary>
    public string Display() => Kind switch
    {
        PathElementKind.Field => "." + Field,
        PathElementKind.Key => "[" + string.Join(",", Key!.Select(k => k.Key + "=" + Serialize(k.Value))) + "]",
        PathElementKind.Value => "[=" + Serialize(Value) + "]",
        _ => "[" + Index + "]",
    };

    /// <summary>A whole path as Kubernetes prints it, e.g. <c>.spec.template.spec.containers[name="web"].image</c>.</summary>
    public static string Display(IEnumerable<PathElement> path) => string.Concat(path.Select(pe => pe.Display()));

    public bool Equals(PathElement? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as PathElement);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>structured-merge-diff's order: fields, then keys, then values, then indices; FieldsV1 is written in it.</summary>
    public int CompareTo(PathElement? other)
    {
        if (other is null)
        {
            return 1;
        }
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }
        switch (Kind)
        {
            case PathElementKind.Field:
                return string.CompareOrdinal(Field, other.Field);
            case PathElementKind.Key:
                for (var i = 0; ; i++)
                {
                    if (i >= Key!.Count || i >= other.Key!.Count)
                    {
                        return Key.Count.CompareTo(other.Key!.Count);
                    }
                    var byName = string.CompareOrdinal(Key[i].Key, other.Key[i].Key);
                    if (byName != 0)
                    {
                        return byName;
                    }
                    var byValue = JsonValueOrder.Compare(Key[i].Value, other.Key[i].Value);
                    if (byValue != 0)
                    {
                        return byValue;
                    }
                }
            case PathElementKind.Value:
                return JsonValueOrder.Compare(Value, other.Value);
            default:
                return Index.CompareTo(other.Index);
        }
    }

    public override string ToString() => Text;

    private static string Serialize(JsonNode? value) => value is null ? "null" : value.ToJsonString(Compact);
}
