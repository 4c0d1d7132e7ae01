namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>The taints the node lifecycle controller owns, as <c>key:effect</c>.</summary>
public static class NodeTaints
{
    public const string NotReadyKey = "node.kubernetes.io/not-ready";

    public const string UnreachableKey = "node.kubernetes.io/unreachable";

    public const string UnreachableNoExecute = UnreachableKey + ":NoExecute";

    public const string NotReadyNoExecute = NotReadyKey + ":NoExecute";

    public const string UnreachableNoSchedule = UnreachableKey + ":NoSchedule";

    public const string NotReadyNoSchedule = NotReadyKey + ":NoSchedule";

    public const string UnschedulableKey = "node.kubernetes.io/unschedulable";

    /// <summary>kube's TaintNodesByCondition for spec.unschedulable (kubectl cordon): the scheduler's filters see one taint kind.</summary>
    public const string UnschedulableNoSchedule = UnschedulableKey + ":NoSchedule";

    public static IReadOnlyList<string> All { get; } = [UnreachableNoExecute, NotReadyNoExecute, UnreachableNoSchedule, NotReadyNoSchedule, UnschedulableNoSchedule];

    /// <summary>The NoSchedule taint that matches a Ready status: none when True.</summary>
    public static string? NoScheduleFor(string ready) => ready switch
    {
        "True" => null,
        "False" => NotReadyNoSchedule,
        _ => UnreachableNoSchedule,
    };

    /// <summary>The NoExecute taint that matches a Ready status: none when True.</summary>
    public static string? NoExecuteFor(string ready) => ready switch
    {
        "True" => null,
        "False" => NotReadyNoExecute,
        _ => UnreachableNoExecute,
    };
}
