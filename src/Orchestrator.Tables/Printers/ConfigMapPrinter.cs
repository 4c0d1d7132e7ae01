using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printConfigMap: DATA counts data and binaryData keys.</summary>
internal sealed class ConfigMapPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Data", "string", Descriptions.ConfigMapData),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject configMap, DateTimeOffset now) => PrintedRow.Of(
        ObjectAge.Name(configMap),
        (long)(configMap.Count("data") + configMap.Count("binaryData")),
        ObjectAge.Age(configMap, now));
}
