using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printDeployment: READY as ready/desired, UP-TO-DATE, AVAILABLE; wide adds containers, images, selector.</summary>
internal sealed class DeploymentPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "Number of the pod with ready state"),
        new("Up-to-date", "string", Descriptions.DeploymentStatusUpdatedReplicas),
        new("Available", "string", Descriptions.DeploymentStatusAvailableReplicas),
        TableColumn.AgeColumn,
        TableColumn.Wide("Containers", "string", Descriptions.Containers),
        TableColumn.Wide("Images", "string", Descriptions.Images),
        TableColumn.Wide("Selector", "string", Descriptions.DeploymentSpecSelector),
    ];

    public PrintedRow Print(JsonObject deployment, DateTimeOffset now)
    {
        var (names, images) = ContainerCells.Of(deployment);

        // Kubernetes defaults spec.replicas to 1 before anything is stored, so a missing field prints as 1.
        var desired = deployment.OptionalLong("spec", "replicas") ?? 1;
        return PrintedRow.Of(
            ObjectAge.Name(deployment),
            $"{deployment.Long("status", "readyReplicas")}/{desired}",
            deployment.Long("status", "updatedReplicas"),
            deployment.Long("status", "availableReplicas"),
            ObjectAge.Age(deployment, now),
            names,
            images,
            LabelFormatter.SelectorString(deployment.At("spec", "selector")) ?? "<invalid>");
    }
}
