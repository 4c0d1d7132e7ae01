using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.DefaultPreemption;

/// <summary>When no node fits, nominates the node where evicting the fewest, least important lower-priority pods makes room.</summary>
/// <remarks>Pure: it only decides. The edge evicts the victims gracefully, writes status.nominatedNodeName and retries the pod.</remarks>
public sealed class DefaultPreemptionPlugin : IPostFilterPlugin
{
    public const string PluginName = "DefaultPreemption";
    public const string ErrReasonNoVictims = "No preemption victims found for incoming pod";
    public const string ErrReasonNotHelpful = "Preemption is not helpful for scheduling";
    public const string NotEligibleNever = "not eligible due to preemptionPolicy=Never.";
    public const string NotEligibleTerminating = "not eligible due to a terminating pod on the nominated node.";

    private const string Prefix = "preemption: ";
    private static readonly Status NotHelpful = Status.Unresolvable(ErrReasonNotHelpful);

    private readonly DefaultPreemptionArgs _args;

    public DefaultPreemptionPlugin(DefaultPreemptionArgs args)
    {
        args.Validate();
        _args = args;
    }

    public string Name => PluginName;

    public PostFilterResult PostFilter(CycleState state, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses, IFrameworkHandle framework)
    {
        if (NotEligible(state.Snapshot, pod, nodeStatuses) is { } reason)
        {
            // Null leaves the nomination alone: an earlier preemption's victims may still be on their way out.
            return new PostFilterResult(null, Status.Unschedulable(Prefix + reason));
        }

        var dryRun = new DryRun(framework, state, pod, _args);
        dryRun.Run(nodeStatuses);
        var candidates = dryRun.Candidates();
        if (candidates.Count > 0)
        {
            var best = CandidatePicker.Pick(candidates);
            return new PostFilterResult(best.NodeName, Status.Success) { Victims = best.Victims };
        }

        if (dryRun.Error is { } error)
        {
            return new PostFilterResult(null, error);
        }

        // Nodes never dry-run were unresolvable; an empty name clears a nomination that no longer helps.
        var nodes = state.Snapshot.Nodes;
        var message = FitError.Render(nodes.Count, nodes.Select(n => dryRun.Statuses.GetValueOrDefault(n.Name, NotHelpful)));
        return new PostFilterResult("", Status.Unschedulable(Prefix + message));
    }

    // kube-scheduler's PodEligibleToPreemptOthers. Without the terminating check, every retry while the
    // victims shut down would find the node still full and preempt yet more pods.
    private static string? NotEligible(Snapshot snapshot, PodInfo pod, IReadOnlyDictionary<string, Status> nodeStatuses)
    {
        if (pod.PreemptionPolicy == PreemptionPolicy.Never)
        {
            return NotEligibleNever;
        }

        if (pod.NominatedNodeName.Length == 0
            || !nodeStatuses.TryGetValue(pod.NominatedNodeName, out var status)
            || status.Code == StatusCode.UnschedulableAndUnresolvable
            || snapshot.Get(pod.NominatedNodeName) is not { } node)
        {
            return null;
        }

        foreach (var existing in node.Pods)
        {
            if (existing.Priority < pod.Priority && existing.TerminatingByPreemption)
            {
                return NotEligibleTerminating;
            }
        }

        return null;
    }
}
