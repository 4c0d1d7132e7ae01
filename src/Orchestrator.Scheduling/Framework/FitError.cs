using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Why no node fits, rendered exactly as kube-scheduler does: "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) ...".</summary>
public sealed class FitError
{
    public FitError(
        PodInfo pod,
        int numAllNodes,
        ImmutableDictionary<string, Status> nodeStatuses,
        string preFilterMessage = "",
        string postFilterMessage = "")
    {
        Pod = pod;
        NumAllNodes = numAllNodes;
        NodeStatuses = nodeStatuses;
        PreFilterMessage = preFilterMessage;
        PostFilterMessage = postFilterMessage;
        Message = Render(numAllNodes, nodeStatuses.Values, preFilterMessage, postFilterMessage);
    }

    public PodInfo Pod { get; }

    public int NumAllNodes { get; }

    /// <summary>The rejecting status of every node that was evaluated, keyed by node name.</summary>
    public ImmutableDictionary<string, Status> NodeStatuses { get; }

    /// <summary>Set when a PreFilter rejected the pod; then the per-node reasons would only repeat it, so they are left out.</summary>
    public string PreFilterMessage { get; }

    public string PostFilterMessage { get; }

    public string Message { get; }

    /// <summary>The plugins that rejected some node, for requeueing the pod only on events those plugins care about.</summary>
    public IEnumerable<string> UnschedulablePlugins => NodeStatuses.Values.Select(s => s.Plugin).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal);

    public override string ToString() => Message;

    /// <summary>"0/5 nodes are available: 2 node(s) ..., 3 Insufficient cpu." from the statuses alone, as PostFilter plugins word theirs.</summary>
    internal static string Render(int numAllNodes, IEnumerable<Status> statuses) => Render(numAllNodes, statuses, "", "");

    private static string Render(int numAllNodes, IEnumerable<Status> statuses, string preFilterMessage, string postFilterMessage)
    {
        var message = $"0/{numAllNodes} nodes are available:";
        if (preFilterMessage.Length > 0)
        {
            message += $" {preFilterMessage}.";
        }
        else
        {
            // Each reason is counted once per node, then "count reason" strings are sorted as plain
            // strings (Go's sort.Strings), which is why "2 node(s) ..." comes before "3 Insufficient cpu".
            var histogram = statuses
                .SelectMany(s => s.Reasons)
                .GroupBy(reason => reason, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} {g.Key}")
                .Order(StringComparer.Ordinal)
                .ToList();
            if (histogram.Count > 0)
            {
                message += $" {string.Join(", ", histogram)}.";
            }
        }

        if (postFilterMessage.Length > 0)
        {
            // Every part ends in a period, this one too: a preemption message is itself a whole FitError,
            // so it ends in ".." exactly as kube-scheduler's events do.
            message += $" {postFilterMessage}.";
        }

        return message;
    }
}
