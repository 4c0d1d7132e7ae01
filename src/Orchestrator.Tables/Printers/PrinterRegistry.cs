using Orchestrator.Core.Resources;

namespace Orchestrator.Tables.Printers;

/// <summary>The printer for each served group/kind; everything else gets NAME and AGE.</summary>
internal static class PrinterRegistry
{
    private static readonly Dictionary<(string Group, string Kind), ITablePrinter> Printers = new()
    {
        [("", "Pod")] = new PodPrinter(),
        [("", "Node")] = new NodePrinter(),
        [("", "Namespace")] = new NamespacePrinter(),
        [("", "Event")] = new EventPrinter(),
        [("events.k8s.io", "Event")] = new EventsV1EventPrinter(),
        [("", "Service")] = new ServicePrinter(),
        [("", "Endpoints")] = new EndpointsPrinter(),
        [("", "ConfigMap")] = new ConfigMapPrinter(),
        [("", "Secret")] = new SecretPrinter(),
        [("apps", "Deployment")] = new DeploymentPrinter(),
        [("apps", "ReplicaSet")] = new ReplicaSetPrinter(),
        [("coordination.k8s.io", "Lease")] = new LeasePrinter(),
        [("scheduling.k8s.io", "PriorityClass")] = new PriorityClassPrinter(),
        [("policy", "PodDisruptionBudget")] = new PodDisruptionBudgetPrinter(),
    };

    public static ITablePrinter For(ResourceDescriptor resource) =>
        Printers.GetValueOrDefault((resource.Group, resource.Kind)) ?? DefaultPrinter.Instance;
}
