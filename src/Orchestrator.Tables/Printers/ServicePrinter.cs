using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printService: TYPE, CLUSTER-IP, EXTERNAL-IP by service type, PORT(S) as port[:nodePort]/protocol.</summary>
internal sealed class ServicePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", Descriptions.ServiceSpecType),
        new("Cluster-IP", "string", Descriptions.ServiceSpecClusterIP),
        new("External-IP", "string", Descriptions.ServiceSpecExternalIPs),
        new("Port(s)", "string", Descriptions.ServiceSpecPorts),
        TableColumn.AgeColumn,
        TableColumn.Wide("Selector", "string", Descriptions.ServiceSpecSelector),
    ];

    public PrintedRow Print(JsonObject service, DateTimeOffset now)
    {
        // Kubernetes defaults type to ClusterIP and fills clusterIPs from clusterIP before storage.
        var type = service.Str("spec", "type") is { Length: > 0 } t ? t : "ClusterIP";
        var clusterIP = service.Strings("spec", "clusterIPs").FirstOrDefault()
            ?? (service.Str("spec", "clusterIP") is { Length: > 0 } ip ? ip : "<none>");
        var ports = Ports(service);
        return PrintedRow.Of(
            ObjectAge.Name(service),
            type,
            clusterIP,
            ExternalIP(service, type),
            ports.Length == 0 ? "<none>" : ports,
            ObjectAge.Age(service, now),
            LabelFormatter.FormatLabels(service.At("spec", "selector")));
    }

    internal static string ExternalIP(JsonObject service, string type)
    {
        var externalIPs = service.Strings("spec", "externalIPs").ToList();
        switch (type)
        {
            case "ClusterIP":
            case "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                // The server prints the wide form: every ingress IP (or hostname), unclipped.
                var ingress = service.Objects("status", "loadBalancer", "ingress")
                    .Select(i => i.Str("ip") is { Length: > 0 } ip ? ip : i.Str("hostname"))
                    .Where(s => s.Length > 0)
                    .Distinct()
                    .ToList();
                var all = ingress.Concat(externalIPs).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return service.Str("spec", "externalName");
            default:
                return "<unknown>";
        }
    }

    private static string Ports(JsonObject service) => string.Join(",", service.Objects("spec", "ports").Select(p =>
    {
        var protocol = p.Str("protocol") is { Length: > 0 } proto ? proto : "TCP";
        var nodePort = p.Long("nodePort");
        return nodePort > 0 ? $"{p.Long("port")}:{nodePort}/{protocol}" : $"{p.Long("port")}/{protocol}";
    }));
}
