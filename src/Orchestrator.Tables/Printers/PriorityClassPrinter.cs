using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printPriorityClass: VALUE, GLOBAL-DEFAULT (a boolean cell), AGE, PREEMPTIONPOLICY.</summary>
internal sealed class PriorityClassPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Value", "integer", Descriptions.PriorityClassValue),
        new("Global-Default", "boolean", Descriptions.PriorityClassGlobalDefault),
        TableColumn.AgeColumn,
        new("PreemptionPolicy", "string", Descriptions.PriorityClassPreemptionPolicy),
    ];

    public PrintedRow Print(JsonObject priorityClass, DateTimeOffset now) => PrintedRow.Of(
        ObjectAge.Name(priorityClass),
        priorityClass.Long("value"),
        priorityClass.Bool("globalDefault"),
        ObjectAge.Age(priorityClass, now),
        priorityClass.Str("preemptionPolicy"));
}
