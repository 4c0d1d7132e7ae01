using System.Globalization;
using k8s.Models;

namespace Orchestrator.Simulation;

/// <summary>The Node and Lease objects of simulated node <c>i</c>: pure functions of the options, the index and the time.</summary>
public static class NodeTemplate
{
    /// <summary>Label and annotation that mark a node as simulated, so tools and drills can tell it from a real one.</summary>
    public const string SimulatedLabel = "orchestrator.dev/simulated";

    public const string ZoneLabel = "topology.kubernetes.io/zone";

    public const string LeaseNamespace = "kube-node-lease";

    public const string KubeletVersion = "v1.32.0-simulated";

    public static string Name(SimulatedNodeOptions options, int index) =>
        options.NamePrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>zone-a, zone-b, ... zone-z, zone-aa, ...: node <paramref name="index"/> is dealt round-robin.</summary>
    public static string Zone(int index, int zones)
    {
        var n = index % zones;
        var letters = "";
        do
        {
            letters = (char)('a' + n % 26) + letters;
            n = n / 26 - 1;
        }
        while (n >= 0);
        return "zone-" + letters;
    }

    public static V1Node Node(SimulatedNodeOptions options, int index, DateTime now)
    {
        var name = Name(options, index);
        var cidr = PodAddresses.PodCidr(index);
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = Labels(options, index),
                Annotations = new Dictionary<string, string>
                {
                    [SimulatedLabel] = "true",
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                },
            },
            Spec = new V1NodeSpec { PodCIDR = cidr, PodCIDRs = [cidr], ProviderID = "simulated://" + name },
            Status = Status(options, index, now, now),
        };
    }

    public static IDictionary<string, string> Labels(SimulatedNodeOptions options, int index) => new Dictionary<string, string>
    {
        ["kubernetes.io/hostname"] = Name(options, index),
        ["kubernetes.io/os"] = "linux",
        ["kubernetes.io/arch"] = "amd64",
        ["beta.kubernetes.io/os"] = "linux",
        ["beta.kubernetes.io/arch"] = "amd64",
        [ZoneLabel] = Zone(index, options.Zones),
        [SimulatedLabel] = "true",
    };

    /// <summary>What a kubelet reports: capacity, allocatable (all of it: nothing is reserved), conditions, addresses, nodeInfo.</summary>
    public static V1NodeStatus Status(SimulatedNodeOptions options, int index, DateTime heartbeat, DateTime transition)
    {
        var name = Name(options, index);
        return new V1NodeStatus
        {
            Capacity = Resources(options),
            Allocatable = Resources(options),
            Conditions = Conditions(heartbeat, transition),
            Addresses =
            [
                new V1NodeAddress { Type = "InternalIP", Address = PodAddresses.HostIp(index) },
                new V1NodeAddress { Type = "Hostname", Address = name },
            ],
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = 10250 } },
            NodeInfo = new V1NodeSystemInfo
            {
                MachineID = StableHex(name, 32),
                SystemUUID = StableHex("uuid/" + name, 32),
                BootID = StableHex("boot/" + name, 32),
                KernelVersion = "simulated",
                OsImage = "Simulated node (no containers run)",
                ContainerRuntimeVersion = "simulated://1.0.0",
                KubeletVersion = KubeletVersion,
                KubeProxyVersion = "",
                OperatingSystem = "linux",
                Architecture = "amd64",
            },
        };
    }

    /// <summary>Ready and the three pressure conditions a healthy kubelet posts.</summary>
    public static IList<V1NodeCondition> Conditions(DateTime heartbeat, DateTime transition) =>
    [
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, transition),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, transition),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, transition),
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status (simulated)", heartbeat, transition),
    ];

    /// <summary>The node's heartbeat Lease, owned by the node so it goes when the node does.</summary>
    public static V1Lease Lease(string nodeName, string? nodeUid, DateTime now, int durationSeconds) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = nodeName,
            NamespaceProperty = LeaseNamespace,
            OwnerReferences = nodeUid is null
                ? null
                : [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid }],
        },
        Spec = new V1LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = durationSeconds, RenewTime = now },
    };

    private static Dictionary<string, ResourceQuantity> Resources(SimulatedNodeOptions options) => new()
    {
        ["cpu"] = new ResourceQuantity(options.Cpu),
        ["memory"] = new ResourceQuantity(options.Memory),
        ["pods"] = new ResourceQuantity(options.Pods.ToString(CultureInfo.InvariantCulture)),
        ["ephemeral-storage"] = new ResourceQuantity(options.EphemeralStorage),
    };

    private static V1NodeCondition Condition(string type, string status, string reason, string message, DateTime heartbeat, DateTime transition) => new()
    {
        Type = type,
        Status = status,
        Reason = reason,
        Message = message,
        LastHeartbeatTime = heartbeat,
        LastTransitionTime = transition,
    };

    internal static string StableHex(string text, int length) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..length];
}
