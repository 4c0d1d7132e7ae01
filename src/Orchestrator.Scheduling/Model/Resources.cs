using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>A quantity of every schedulable resource, in the integer units kube-scheduler works in.</summary>
public readonly record struct Resources
{
    public long MilliCpu { get; init; }

    public long Memory { get; init; }

    public long EphemeralStorage { get; init; }

    /// <summary>Only meaningful on a node's allocatable (its max pods); every pod counts as one.</summary>
    public long Pods { get; init; }

    /// <summary>Extended resources such as nvidia.com/gpu; null when there are none, so the common case allocates nothing.</summary>
    public ImmutableDictionary<string, long>? Extended { get; init; }

    public static Resources None => default;

    public long Get(string name) => name switch
    {
        ResourceNames.Cpu => MilliCpu,
        ResourceNames.Memory => Memory,
        ResourceNames.EphemeralStorage => EphemeralStorage,
        ResourceNames.Pods => Pods,
        _ => Extended is not null && Extended.TryGetValue(name, out var value) ? value : 0,
    };

    public static Resources operator +(Resources left, Resources right) => new()
    {
        MilliCpu = left.MilliCpu + right.MilliCpu,
        Memory = left.Memory + right.Memory,
        EphemeralStorage = left.EphemeralStorage + right.EphemeralStorage,
        Pods = left.Pods + right.Pods,
        Extended = AddExtended(left.Extended, right.Extended),
    };

    private static ImmutableDictionary<string, long>? AddExtended(
        ImmutableDictionary<string, long>? left, ImmutableDictionary<string, long>? right)
    {
        if (right is null || right.Count == 0)
        {
            return left;
        }

        if (left is null || left.Count == 0)
        {
            return right;
        }

        var builder = left.ToBuilder();
        foreach (var (name, value) in right)
        {
            builder[name] = builder.GetValueOrDefault(name) + value;
        }

        return builder.ToImmutable();
    }
}
