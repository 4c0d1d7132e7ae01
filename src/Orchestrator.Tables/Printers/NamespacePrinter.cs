using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printNamespace: STATUS is status.phase (Active, Terminating).</summary>
internal sealed class NamespacePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the namespace"),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject ns, DateTimeOffset now) =>
        PrintedRow.Of(ObjectAge.Name(ns), ns.Str("status", "phase"), ObjectAge.Age(ns, now));
}
