using System.Globalization;
using k8s.Models;

namespace Orchestrator.Agent.Node;

/// <summary>The Node a kubelet registers and the status it posts: pure functions of the options, the host's facts and the time.</summary>
public static class NodeStatusBuilder
{
    public const string HostnameLabel = "kubernetes.io/hostname";
    public const string OsLabel = "kubernetes.io/os";
    public const string ArchLabel = "kubernetes.io/arch";
    public const string ZoneLabel = "topology.kubernetes.io/zone";
    public const string KubeletVersion = "v1.32.0-orchestrator";

    public static V1Node Node(AgentOptions options, HostFacts facts, string runtimeVersion, IList<V1NodeCondition>? previous, DateTime now) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = options.NodeName, Labels = Labels(options, facts) },
        Status = Status(options, facts, runtimeVersion, previous, now),
    };

    /// <summary>The options' extra labels, then the well-known ones, which win.</summary>
    public static IDictionary<string, string> Labels(AgentOptions options, HostFacts facts)
    {
        var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal)
        {
            [HostnameLabel] = options.NodeName,
            [OsLabel] = "linux",
            [ArchLabel] = facts.Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = facts.Architecture,
        };
        if (options.Zone is { } zone)
        {
            labels[ZoneLabel] = zone;
        }
        return labels;
    }

    /// <summary>Capacity (allocatable is all of it: nothing is reserved), conditions, addresses and nodeInfo.</summary>
    public static V1NodeStatus Status(AgentOptions options, HostFacts facts, string runtimeVersion, IList<V1NodeCondition>? previous, DateTime now) => new()
    {
        Capacity = Resources(options, facts),
        Allocatable = Resources(options, facts),
        Conditions = Conditions(options.Pressure, facts, previous, now),
        Addresses =
        [
            new V1NodeAddress { Type = "InternalIP", Address = options.InternalIP },
            new V1NodeAddress { Type = "Hostname", Address = options.NodeName },
        ],

        // Where the API server sends kubectl logs; 0 when the agent serves none.
        DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = options.LogPort } },
        NodeInfo = new V1NodeSystemInfo
        {
            MachineID = facts.MachineId,
            SystemUUID = facts.SystemUuid,
            BootID = facts.BootId,
            KernelVersion = facts.KernelVersion,
            OsImage = facts.OsImage,
            ContainerRuntimeVersion = runtimeVersion,
            KubeletVersion = KubeletVersion,
            KubeProxyVersion = "",
            OperatingSystem = "linux",
            Architecture = facts.Architecture,
        },
    };

    /// <summary>
    /// MemoryPressure, DiskPressure and PIDPressure from the thresholds, and Ready, with the kubelet's reasons; a condition
    /// keeps its lastTransitionTime from <paramref name="previous"/> while its status holds.
    /// </summary>
    public static IList<V1NodeCondition> Conditions(PressureThresholds thresholds, HostFacts facts, IList<V1NodeCondition>? previous, DateTime now)
    {
        var memory = facts.MemoryAvailableBytes < thresholds.MemoryAvailableBytes;
        var disk = Percent(facts.DiskAvailableBytes, facts.DiskTotalBytes) < thresholds.DiskAvailablePercent;
        var pids = Percent(facts.PidMax - facts.Threads, facts.PidMax) < thresholds.PidsAvailablePercent;
        return
        [
            memory
                ? Condition(previous, "MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", now)
                : Condition(previous, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
            disk
                ? Condition(previous, "DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure", now)
                : Condition(previous, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
            pids
                ? Condition(previous, "PIDPressure", "True", "KubeletHasInsufficientPID", "kubelet has insufficient PID available", now)
                : Condition(previous, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
            Condition(previous, "Ready", "True", "KubeletReady", "orchestrator agent is posting ready status", now),
        ];
    }

    /// <summary>The share of <paramref name="total"/> that <paramref name="part"/> is, 100 when the total is unknown.</summary>
    private static double Percent(long part, long total) => total <= 0 ? 100 : 100.0 * part / total;

    private static Dictionary<string, ResourceQuantity> Resources(AgentOptions options, HostFacts facts) => new()
    {
        ["cpu"] = new ResourceQuantity(options.Cpu ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ["memory"] = new ResourceQuantity(options.Memory ?? (facts.MemoryTotalBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
        ["pods"] = new ResourceQuantity(options.Pods.ToString(CultureInfo.InvariantCulture)),
        ["ephemeral-storage"] = new ResourceQuantity((facts.DiskTotalBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"),
    };

    private static V1NodeCondition Condition(IList<V1NodeCondition>? previous, string type, string status, string reason, string message, DateTime now)
    {
        var before = previous?.FirstOrDefault(c => c.Type == type);
        return new V1NodeCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = now,
            LastTransitionTime = before?.Status == status && before.LastTransitionTime is { } since ? since : now,
        };
    }
}
