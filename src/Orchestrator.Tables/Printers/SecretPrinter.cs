using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printSecret: TYPE and the number of data keys.</summary>
internal sealed class SecretPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", Descriptions.SecretType),
        new("Data", "string", Descriptions.SecretData),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject secret, DateTimeOffset now) => PrintedRow.Of(
        ObjectAge.Name(secret),
        secret.Str("type"),
        (long)secret.Count("data"),
        ObjectAge.Age(secret, now));
}
