using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

/// <summary>One row of a preemption table: a cluster where the pod fits nowhere, and the decision worked out for it.</summary>
public sealed record PreemptionCase(string Name, NodeInfo[] Nodes, PodInfo Preemptor, string? Nominated, string[] Victims, string Message)
{
    public PodDisruptionBudget[] Budgets { get; init; } = [];

    /// <summary>A pod asking for cpu only (nodes have 4,000m), at a priority.</summary>
    internal static PodBuilder Pod(string name, long milliCpu, int priority) => PodBuilder.Named(name).Requests(milliCpu, 0).Priority(priority);

    /// <summary>Runs the whole default profile, so filters, PostFilter and the FitError are the real ones.</summary>
    public void AssertDecision()
    {
        var snapshot = Snapshot.Of(Nodes).WithDisruptionBudgets(Budgets);

        var result = new Scheduler(new Random(1)).Schedule(Preemptor, snapshot);

        Assert.False(result.IsScheduled, Name);
        Assert.Equal(Nominated, result.NominatedNodeName);
        Assert.Equal(Victims, result.Victims.Select(v => v.Name));
        Assert.Equal(Message, result.FitError!.Message);
    }

    public override string ToString() => Name;
}
