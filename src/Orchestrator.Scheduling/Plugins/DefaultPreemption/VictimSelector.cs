using System.Collections.Immutable;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>kube-scheduler's SelectVictimsOnNode: evict every lower-priority pod, check the pod fits, then reprieve all it can.</summary>
internal sealed class VictimSelector
{
    private static readonly Status NoVictims = Status.Unresolvable(DefaultPreemptionPlugin.ErrReasonNoVictims);

    private readonly IFrameworkHandle _framework;
    private readonly PodInfo _pod;
    private readonly List<PodInfo> _victims = [];
    private CycleState _state;
    private NodeInfo _node;

    public VictimSelector(IFrameworkHandle framework, CycleState state, PodInfo pod, NodeInfo node)
    {
        (_framework, _state, _pod, _node) = (framework, state, pod, node);
    }

    public Status Select(ImmutableArray<PodDisruptionBudget> budgets, out Candidate? candidate)
    {
        candidate = null;

        // Only strictly lower priority: a pod never evicts its equals.
        if (!_node.Pods.Any(p => p.Priority < _pod.Priority))
        {
            return NoVictims;
        }

        var potential = _node.Pods.Where(p => p.Priority < _pod.Priority).ToList();

        // Removing and reprieving pods rewrites PreFilter state, so this node gets its own copy; a node
        // without victims, the common case in a full cluster, never pays for one.
        _state = _state.Clone();
        _node = _node with { Pods = [.. _node.Pods.Where(p => p.Priority >= _pod.Priority)] };
        foreach (var victim in potential)
        {
            if (_framework.RemovePod(_state, _pod, victim, _node) is { IsSuccess: false } failed)
            {
                return AsError(failed);
            }
        }

        // Not fitting even on the emptied node is final, whatever it was rejected for.
        var status = _framework.RunFilters(_state, _pod, _node);
        if (!status.IsSuccess)
        {
            return status;
        }

        // Reprieve the most important first, and pods whose eviction would break a budget before all others,
        // so budgets are only broken when nothing else makes room.
        var (violating, nonViolating) = BudgetCheck.Split([.. potential.OrderBy(p => p, PodImportance.MostImportantFirst)], budgets);
        var violations = 0;
        foreach (var victim in violating)
        {
            status = Reprieve(victim, out var reprieved);
            if (!status.IsSuccess)
            {
                return AsError(status);
            }

            violations += reprieved ? 0 : 1;
        }

        foreach (var victim in nonViolating)
        {
            status = Reprieve(victim, out _);
            if (!status.IsSuccess)
            {
                return AsError(status);
            }
        }

        // Each group was reprieved in order, so only a mix of both needs sorting again.
        var victims = violating.Count > 0 && nonViolating.Count > 0 ? _victims.OrderBy(p => p, PodImportance.MostImportantFirst) : _victims.AsEnumerable();
        candidate = new Candidate(_node.Name, [.. victims], violations);
        return Status.Success;
    }

    private static Status AsError(Status status) => status.Code == StatusCode.Error ? status : Status.Error(status.Message);

    private Status Reprieve(PodInfo victim, out bool reprieved)
    {
        var withVictim = _node.WithPod(victim);
        var status = _framework.AddPod(_state, _pod, victim, withVictim);
        if (!status.IsSuccess)
        {
            reprieved = false;
            return status;
        }

        reprieved = _framework.RunFilters(_state, _pod, withVictim).IsSuccess;
        if (reprieved)
        {
            _node = withVictim;
            return Status.Success;
        }

        _victims.Add(victim);
        return _framework.RemovePod(_state, _pod, victim, _node);
    }
}
