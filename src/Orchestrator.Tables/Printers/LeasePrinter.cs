using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printLease: HOLDER is spec.holderIdentity, empty when unheld.</summary>
internal sealed class LeasePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Holder", "string", Descriptions.LeaseSpecHolderIdentity),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject lease, DateTimeOffset now) =>
        PrintedRow.Of(ObjectAge.Name(lease), lease.Str("spec", "holderIdentity"), ObjectAge.Age(lease, now));
}
