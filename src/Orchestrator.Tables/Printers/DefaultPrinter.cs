using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Printers;

/// <summary>NAME and AGE, for kinds without a dedicated printer.</summary>
internal sealed class DefaultPrinter : ITablePrinter
{
    public static DefaultPrinter Instance { get; } = new();

    public IReadOnlyList<TableColumn> Columns { get; } = [TableColumn.NameColumn, TableColumn.AgeColumn];

    public PrintedRow Print(JsonObject obj, DateTimeOffset now) => PrintedRow.Of(ObjectAge.Name(obj), ObjectAge.Age(obj, now));
}
