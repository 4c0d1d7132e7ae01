using System.Text.Json.Nodes;

namespace Orchestrator.Tables;

/// <summary>One meta.k8s.io/v1 TableColumnDefinition; priority 1 columns show only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public static TableColumn NameColumn { get; } = new("Name", "string", Descriptions.ObjectMetaName, Format: "name");

    public static TableColumn AgeColumn { get; } = new("Age", "string", Descriptions.ObjectMetaCreationTimestamp);

    public static TableColumn Wide(string name, string type, string description) => new(name, type, description, Priority: 1);

    // The Go struct has no omitempty on any field, so format and priority are always on the wire.
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
