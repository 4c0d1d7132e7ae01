using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Tests.Testing;

/// <summary>Runs one plugin through its extension points the way the scheduler would, over every given node.</summary>
internal static class PluginHarness
{
    public static Dictionary<string, Status> Filter(IFilterPlugin plugin, PodInfo pod, params NodeInfo[] nodes)
    {
        var state = new CycleState(Snapshot.Of(nodes));
        if (plugin is IPreFilterPlugin preFilter)
        {
            var status = preFilter.PreFilter(state, pod);
            if (status.Code == StatusCode.Skip)
            {
                return nodes.ToDictionary(n => n.Name, _ => Status.Success);
            }

            Assert.True(status.IsSuccess, status.ToString());
        }

        return nodes.ToDictionary(n => n.Name, n => plugin.Filter(state, pod, n));
    }

    /// <summary>Normalized scores with every node feasible; a plugin that Skips at PreScore scores 0 everywhere.</summary>
    public static Dictionary<string, long> Score(IScorePlugin plugin, PodInfo pod, params NodeInfo[] nodes) =>
        Score(plugin, pod, nodes, nodes);

    public static Dictionary<string, long> Score(IScorePlugin plugin, PodInfo pod, NodeInfo[] feasible, NodeInfo[] cluster)
    {
        var state = new CycleState(Snapshot.Of(cluster));
        if (plugin is IPreScorePlugin preScore && preScore.PreScore(state, pod, feasible).Code == StatusCode.Skip)
        {
            return feasible.ToDictionary(n => n.Name, _ => 0L);
        }

        var scores = feasible.Select(n => plugin.Score(state, pod, n)).ToArray();
        plugin.NormalizeScore(state, pod, feasible, scores);
        return feasible.Select((n, i) => (n.Name, scores[i])).ToDictionary(p => p.Name, p => p.Item2);
    }
}
