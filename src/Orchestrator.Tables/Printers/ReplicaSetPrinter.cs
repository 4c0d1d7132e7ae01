using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printReplicaSet: DESIRED, CURRENT, READY as integers; wide adds containers, images, selector.</summary>
internal sealed class ReplicaSetPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", Descriptions.ReplicaSetSpecReplicas),
        new("Current", "integer", Descriptions.ReplicaSetStatusReplicas),
        new("Ready", "integer", Descriptions.ReplicaSetStatusReadyReplicas),
        TableColumn.AgeColumn,
        TableColumn.Wide("Containers", "string", Descriptions.Containers),
        TableColumn.Wide("Images", "string", Descriptions.Images),
        TableColumn.Wide("Selector", "string", Descriptions.ReplicaSetSpecSelector),
    ];

    public PrintedRow Print(JsonObject replicaSet, DateTimeOffset now)
    {
        var (names, images) = ContainerCells.Of(replicaSet);
        return PrintedRow.Of(
            ObjectAge.Name(replicaSet),
            replicaSet.OptionalLong("spec", "replicas") ?? 1, // defaulted to 1 by Kubernetes before storage
            replicaSet.Long("status", "replicas"),
            replicaSet.Long("status", "readyReplicas"),
            ObjectAge.Age(replicaSet, now),
            names,
            images,
            LabelFormatter.FormatLabelSelector(replicaSet.At("spec", "selector")));
    }
}
