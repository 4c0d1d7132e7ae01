using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Printers;

/// <summary>One kind's columns and how to turn one object into one row, as a printer in printers.go does.</summary>
internal interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }

    PrintedRow Print(JsonObject obj, DateTimeOffset now);
}
