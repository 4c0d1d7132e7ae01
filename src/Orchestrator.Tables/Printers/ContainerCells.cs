using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>layoutContainerCells: a pod template's container names and images, comma-joined.</summary>
internal static class ContainerCells
{
    public static (string Names, string Images) Of(JsonObject workload)
    {
        var containers = workload.Objects("spec", "template", "spec", "containers").ToList();
        return (string.Join(",", containers.Select(c => c.Str("name"))), string.Join(",", containers.Select(c => c.Str("image"))));
    }
}
