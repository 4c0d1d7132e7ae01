namespace Orchestrator.Protobuf.Schema;

/// <summary>A message's fields in Go struct order, which is the order Go's encoding/json writes them.</summary>
internal sealed class MessageSchema
{
    private readonly Dictionary<int, int> _indexByNumber;

    public MessageSchema(string name, IReadOnlyList<FieldSchema> fields)
    {
        Name = name;
        Fields = fields;
        _indexByNumber = fields.Select((f, i) => (f.Number, i)).ToDictionary(p => p.Number, p => p.i);
    }

    public string Name { get; }

    public IReadOnlyList<FieldSchema> Fields { get; }

    /// <summary>The index of the field with this number in <see cref="Fields"/>, or -1 for an unknown field.</summary>
    public int IndexOf(int number) => _indexByNumber.GetValueOrDefault(number, -1);
}
