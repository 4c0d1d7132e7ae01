using System.Net;
using k8s.Models;
using Orchestrator.Agent.Logs;
using Orchestrator.Agent.Node;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent;

/// <summary>Which node the agent is, what the node offers, and how often it reports: the kubelet flags that matter here.</summary>
public sealed record AgentOptions
{
    /// <summary>The node's name, also its kubernetes.io/hostname label and Hostname address.</summary>
    public required string NodeName { get; init; }

    /// <summary>Where pods keep their volumes, container bundles and logs (<c>pods/&lt;uid&gt;/</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The node's InternalIP, which is every pod's IP too while pods share the host's network.</summary>
    public string InternalIP { get; init; } = "127.0.0.1";

    /// <summary>nodeInfo.containerRuntimeVersion such as <c>runc://1.1.5</c>; null asks the runtime binary.</summary>
    public string? RuntimeVersion { get; init; }

    /// <summary>The cpu capacity as a quantity; null for <see cref="Environment.ProcessorCount"/>.</summary>
    public string? Cpu { get; init; }

    /// <summary>The memory capacity as a quantity; null for MemTotal in /proc/meminfo.</summary>
    public string? Memory { get; init; }

    public int Pods { get; init; } = 110;

    /// <summary>The port of the agent's log endpoint on <see cref="InternalIP"/>, published as daemonEndpoints.kubeletEndpoint; 0 for none.</summary>
    public int LogPort { get; init; }

    /// <summary>topology.kubernetes.io/zone, when the node is in one.</summary>
    public string? Zone { get; init; }

    /// <summary>More node labels; the well-known ones the agent sets win over these.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The Lease's leaseDurationSeconds (kubelet: 40 s), scaled to the node lifecycle controller's 10 s grace period
    /// as Kubernetes' 40 s lease is to its 40-50 s grace.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the Lease is renewed: a quarter of its duration, as the kubelet does (10 s of 40 s).</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(2.5);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CrashLoopBackOff (and image and create retries): 10 s doubling to 300 s, reset after 10 min of running.</summary>
    public RestartBackoff Backoff { get; init; } = RestartBackoff.Kubelet;

    public PressureThresholds Pressure { get; init; } = new();

    /// <summary>The parent of the pod cgroups and the pids limit of every container.</summary>
    public BundleOptions Bundle { get; init; } = new();

    public LogRotation LogRotation { get; init; } = LogRotation.Default;

    /// <summary>How often a running container's output is copied into its CRI log.</summary>
    public TimeSpan LogPumpInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Where progress lines go; standard error when null.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Every problem with these options, each a sentence a person can act on; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!KubernetesNames.IsSubdomain(NodeName))
        {
            errors.Add($"the node name \"{NodeName}\" must be lowercase letters, digits, '-' or '.', start and end with a letter or digit, and be at most 253 characters");
        }
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("the data directory must be given");
        }
        if (!IPAddress.TryParse(InternalIP, out _))
        {
            errors.Add($"the internal IP \"{InternalIP}\" is not an IP address");
        }
        AddQuantityError(errors, "cpu", Cpu);
        AddQuantityError(errors, "memory", Memory);
        if (Pods < 1)
        {
            errors.Add($"the pods the node holds must be at least 1, got {Pods}");
        }
        if (Zone is not null && !KubernetesNames.IsLabelValue(Zone))
        {
            errors.Add($"the zone \"{Zone}\" is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
        foreach (var (key, value) in Labels)
        {
            if (!KubernetesNames.IsLabelKey(key) || !KubernetesNames.IsLabelValue(value))
            {
                errors.Add($"the label {key}={value} is not a valid Kubernetes label");
            }
        }
        if (LeaseRenewInterval <= TimeSpan.Zero || StatusInterval <= TimeSpan.Zero || LogPumpInterval <= TimeSpan.Zero)
        {
            errors.Add("the lease renewal, status and log intervals must be positive");
        }
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration <= LeaseRenewInterval)
        {
            errors.Add($"the lease duration ({LeaseDuration.TotalSeconds:0.#} s) must be at least 1 s and longer than the renewal interval ({LeaseRenewInterval.TotalSeconds:0.#} s)");
        }
        errors.AddRange(Backoff.Validate());
        errors.AddRange(Pressure.Validate());
        return errors;
    }

    private static void AddQuantityError(List<string> errors, string name, string? text)
    {
        if (text is null)
        {
            return;
        }
        try
        {
            if (text.Trim() == text && new ResourceQuantity(text).ToDecimal() > 0)
            {
                return;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            // Reported below, with the value.
        }
        errors.Add($"the {name} capacity \"{text}\" is not a positive Kubernetes quantity (such as 4, 500m or 8Gi)");
    }
}
