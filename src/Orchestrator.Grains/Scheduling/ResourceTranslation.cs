using System.Collections.Immutable;
using k8s.Models;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Grains.Scheduling;

/// <summary>Kubernetes resource lists to the scheduler's integer units: millicores for cpu, bytes for the rest.</summary>
public static class ResourceTranslation
{
    public static Resources From(IDictionary<string, ResourceQuantity>? list)
    {
        if (list is null || list.Count == 0)
        {
            return Resources.None;
        }
        var resources = Resources.None;
        ImmutableDictionary<string, long>.Builder? extended = null;
        foreach (var (name, quantity) in list)
        {
            switch (name)
            {
                case ResourceNames.Cpu:
                    resources = resources with { MilliCpu = Milli(quantity) };
                    break;
                case ResourceNames.Memory:
                    resources = resources with { Memory = Whole(quantity) };
                    break;
                case ResourceNames.EphemeralStorage:
                    resources = resources with { EphemeralStorage = Whole(quantity) };
                    break;
                case ResourceNames.Pods:
                    resources = resources with { Pods = Whole(quantity) };
                    break;
                default:
                    // hugepages and attachable volumes are not scheduled on here; anything with a domain is extended.
                    if (name.Contains('/', StringComparison.Ordinal))
                    {
                        extended ??= ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
                        extended[name] = Whole(quantity);
                    }
                    break;
            }
        }
        return extended is null ? resources : resources with { Extended = extended.ToImmutable() };
    }

    /// <summary>The larger of each resource, as an init container's requests bound the pod's.</summary>
    public static Resources Max(Resources left, Resources right)
    {
        var extended = left.Extended;
        if (right.Extended is { Count: > 0 })
        {
            var builder = (left.Extended ?? ImmutableDictionary<string, long>.Empty).ToBuilder();
            foreach (var (name, value) in right.Extended)
            {
                builder[name] = Math.Max(builder.GetValueOrDefault(name), value);
            }
            extended = builder.ToImmutable();
        }
        return new Resources
        {
            MilliCpu = Math.Max(left.MilliCpu, right.MilliCpu),
            Memory = Math.Max(left.Memory, right.Memory),
            EphemeralStorage = Math.Max(left.EphemeralStorage, right.EphemeralStorage),
            Pods = Math.Max(left.Pods, right.Pods),
            Extended = extended,
        };
    }

    // Kubernetes rounds up: a request of 0.5m cpu is 1m, 1.5 bytes is 2.
    private static long Milli(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal() * 1000m);

    private static long Whole(ResourceQuantity quantity) => (long)Math.Ceiling(quantity.ToDecimal());
}
