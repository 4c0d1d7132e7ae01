using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printNode: Ready/NotReady/Unknown (+SchedulingDisabled), roles from labels, kubelet and OS facts.</summary>
internal sealed class NodePrinter : ITablePrinter
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        TableColumn.AgeColumn,
        new("Version", "string", Descriptions.NodeSystemInfoKubeletVersion),
        TableColumn.Wide("Internal-IP", "string", Descriptions.NodeStatusAddresses),
        TableColumn.Wide("External-IP", "string", Descriptions.NodeStatusAddresses),
        TableColumn.Wide("OS-Image", "string", Descriptions.NodeSystemInfoOSImage),
        TableColumn.Wide("Kernel-Version", "string", Descriptions.NodeSystemInfoKernelVersion),
        TableColumn.Wide("Container-Runtime", "string", Descriptions.NodeSystemInfoContainerRuntimeVersion),
    ];

    public PrintedRow Print(JsonObject node, DateTimeOffset now)
    {
        var roles = Roles(node);
        return PrintedRow.Of(
            ObjectAge.Name(node),
            Status(node),
            roles.Count == 0 ? "<none>" : string.Join(",", roles),
            ObjectAge.Age(node, now),
            node.Str("status", "nodeInfo", "kubeletVersion"),
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            OrUnknown(node.Str("status", "nodeInfo", "osImage")),
            OrUnknown(node.Str("status", "nodeInfo", "kernelVersion")),
            OrUnknown(node.Str("status", "nodeInfo", "containerRuntimeVersion")));
    }

    internal static string Status(JsonObject node)
    {
        // Only the Ready condition counts; when several carry that type the last one wins, as with Go's map.
        var ready = node.Objects("status", "conditions").LastOrDefault(c => c.Str("type") == "Ready");
        var status = ready is null ? "Unknown" : ready.Str("status") == "True" ? "Ready" : "NotReady";
        return node.Bool("spec", "unschedulable") ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Roles from <c>node-role.kubernetes.io/&lt;role&gt;</c> keys and <c>kubernetes.io/role</c> values, sorted and unique.</summary>
    internal static IReadOnlyList<string> Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (node.At("metadata", "labels") is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
                {
                    roles.Add(key[RoleLabelPrefix.Length..]);
                }
                else if (key == RoleLabel && value.Str() is { Length: > 0 } role)
                {
                    roles.Add(role);
                }
            }
        }

        return [.. roles];
    }

    private static string Address(JsonObject node, string type) =>
        node.Objects("status", "addresses").FirstOrDefault(a => a.Str("type") == type)?.Str("address") ?? "<none>";

    private static string OrUnknown(string s) => s.Length == 0 ? "<unknown>" : s;
}
