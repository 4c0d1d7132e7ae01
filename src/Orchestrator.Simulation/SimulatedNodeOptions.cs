using System.Globalization;
using k8s.Models;

namespace Orchestrator.Simulation;

/// <summary>How many simulated nodes to register, what each offers, and how often each reports, as kwok's node flags.</summary>
public sealed record SimulatedNodeOptions
{
    /// <summary>Pod addresses come from 10.128.0.0/9, one /24 per node, so this many nodes fit without overlap.</summary>
    public const int MaxCount = 32768;

    public int Count { get; init; }

    public string NamePrefix { get; init; } = "sim-";

    public string Cpu { get; init; } = "32";

    public string Memory { get; init; } = "128Gi";

    public int Pods { get; init; } = 110;

    public string EphemeralStorage { get; init; } = "100Gi";

    /// <summary>Nodes are dealt round-robin into zone-a, zone-b, ... (topology.kubernetes.io/zone).</summary>
    public int Zones { get; init; } = 3;

    /// <summary>
    /// How often each node's Lease in kube-node-lease is renewed: 2.5 s, a quarter of the node lifecycle controller's
    /// 10 s grace period, as the kubelet's 10 s is of Kubernetes' 40 s lease.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The Lease's leaseDurationSeconds: four renewals, as the kubelet's 40 s lease is four of its 10 s renewals.</summary>
    public int LeaseDurationSeconds => Math.Max(1, (int)Math.Ceiling(HeartbeatInterval.TotalSeconds * 4));

    /// <summary>How often the Ready condition's lastHeartbeatTime is refreshed when nothing changed.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most API writes of one kind (pod status, leases, node status) in flight at once.</summary>
    public int MaxConcurrentWrites { get; init; } = 16;

    /// <summary>Where progress lines go; standard error when null.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Every problem with these options, each a sentence a person can act on; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Count is < 0 or > MaxCount)
        {
            errors.Add($"the number of simulated nodes must be between 0 and {MaxCount}, got {Count}");
        }
        if (!IsNamePrefix(NamePrefix))
        {
            errors.Add($"the node name prefix \"{NamePrefix}\" must be lowercase letters, digits, '-' or '.', start with a letter or digit, and be at most 200 characters");
        }
        AddQuantityError(errors, "cpu", Cpu);
        AddQuantityError(errors, "memory", Memory);
        AddQuantityError(errors, "ephemeral-storage", EphemeralStorage);
        if (Pods < 1)
        {
            errors.Add($"the pods a simulated node holds must be at least 1, got {Pods}");
        }
        if (Zones < 1)
        {
            errors.Add($"the number of zones must be at least 1, got {Zones}");
        }
        if (HeartbeatInterval <= TimeSpan.Zero || StatusInterval <= TimeSpan.Zero)
        {
            errors.Add("the heartbeat and status intervals must be positive");
        }
        if (MaxConcurrentWrites < 1)
        {
            errors.Add($"the concurrent writes must be at least 1, got {MaxConcurrentWrites}");
        }
        return errors;
    }

    /// <summary>Parses a Kubernetes quantity such as <c>32</c>, <c>500m</c> or <c>128Gi</c>; null when it is not one or not positive.</summary>
    public static ResourceQuantity? ParseQuantity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() != text)
        {
            return null;
        }
        try
        {
            var quantity = new ResourceQuantity(text);
            return quantity.ToDecimal() > 0 ? quantity : null;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static void AddQuantityError(List<string> errors, string resource, string value)
    {
        if (ParseQuantity(value) is null)
        {
            errors.Add($"{resource} \"{value}\" is not a positive Kubernetes quantity (such as 32, 500m, 128Gi)");
        }
    }

    private static bool IsNamePrefix(string prefix) =>
        prefix.Length is > 0 and <= 200
        && (char.IsAsciiLetterLower(prefix[0]) || char.IsAsciiDigit(prefix[0]))
        && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');

    internal string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cpu} CPU, {Memory} memory, {Pods} pods, {Zones} zone{(Zones == 1 ? "" : "s")}, heartbeat every {HeartbeatInterval.TotalSeconds:0.###}s");
}
