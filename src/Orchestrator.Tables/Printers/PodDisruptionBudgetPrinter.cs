using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printPodDisruptionBudget: MIN AVAILABLE and MAX UNAVAILABLE ("N/A" when unset), ALLOWED DISRUPTIONS.</summary>
internal sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Min Available", "string", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject pdb, DateTimeOffset now) => PrintedRow.Of(
        ObjectAge.Name(pdb),
        pdb.IntOrString("spec", "minAvailable") ?? "N/A",
        pdb.IntOrString("spec", "maxUnavailable") ?? "N/A",
        pdb.Long("status", "disruptionsAllowed"),
        ObjectAge.Age(pdb, now));
}
