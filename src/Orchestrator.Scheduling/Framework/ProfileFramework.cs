using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Framework;

/// <summary>A profile's plugins built once and sorted into extension points, in registry order.</summary>
internal sealed partial class ProfileFramework
{
    public ProfileFramework(Profile profile)
    {
        Profile = profile;
        var plugins = profile.EnabledPlugins
            .Select(r => r.Factory(profile.PluginArgs.GetValueOrDefault(r.Name)))
            .ToImmutableArray();
        PreFilter = [.. plugins.OfType<IPreFilterPlugin>()];
        PreFilterExtensions = [.. plugins.OfType<IPreFilterExtensions>()];
        Filter = [.. plugins.OfType<IFilterPlugin>()];
        PostFilter = [.. plugins.OfType<IPostFilterPlugin>()];
        PreScore = [.. plugins.OfType<IPreScorePlugin>()];
        Score = [.. plugins.OfType<IScorePlugin>().Where(p => profile.WeightOf(p.Name) > 0)];
        ScoreWeights = [.. Score.Select(p => profile.WeightOf(p.Name))];
        ScoreNames = [.. Score.Select(p => p.Name)];
        Reserve = [.. plugins.OfType<IReservePlugin>()];
        Fused = FusedScoring.TryCreate(this);
    }

    public Profile Profile { get; }

    /// <summary>The profile's scoring as row arithmetic for the scheduler's fused path; null when a plugin needs its own pass.</summary>
    public FusedScoring? Fused { get; }

    /// <summary>The filters PreFilter did not tell to skip, in order: looked up once per cycle instead of once per node.</summary>
    public IFilterPlugin[] ActiveFilters(CycleState state)
    {
        var count = 0;
        foreach (var plugin in Filter)
        {
            count += state.IsFilterSkipped(plugin.Name) ? 0 : 1;
        }

        // One array a cycle, not a list and its copy.
        var active = new IFilterPlugin[count];
        var next = 0;
        foreach (var plugin in Filter)
        {
            if (!state.IsFilterSkipped(plugin.Name))
            {
                active[next++] = plugin;
            }
        }

        return active;
    }

    /// <summary>
    /// What a node's row must show for all the active filters to pass the pod; false when some active filter cannot
    /// say from a row (a plugin outside the registry, a pod naming its node, an extended resource, node affinity...).
    /// </summary>
    public static bool TryPrecheck(Model.PodInfo pod, IFilterPlugin[] active, out NodePrecheck precheck)
    {
        precheck = new NodePrecheck();
        foreach (var plugin in active)
        {
            if (plugin is not IRowFilter row || !row.TryConstrain(pod, ref precheck))
            {
                return false;
            }
        }

        return true;
    }

    public ImmutableArray<IPreFilterPlugin> PreFilter { get; }

    public ImmutableArray<IPreFilterExtensions> PreFilterExtensions { get; }

    public ImmutableArray<IFilterPlugin> Filter { get; }

    public ImmutableArray<IPostFilterPlugin> PostFilter { get; }

    public ImmutableArray<IPreScorePlugin> PreScore { get; }

    public ImmutableArray<IScorePlugin> Score { get; }

    public ImmutableArray<int> ScoreWeights { get; }

    public ImmutableArray<string> ScoreNames { get; }

    public ImmutableArray<IReservePlugin> Reserve { get; }

    /// <summary>Runs every Filter in order and stops at the first rejection, so each node is blamed on one plugin.</summary>
    /// <remarks>active comes from ActiveFilters; null looks each plugin up in the state instead.</remarks>
    public Status RunFilters(CycleState state, Model.PodInfo pod, Model.NodeInfo node, IFilterPlugin[]? active)
    {
        if (active is not null)
        {
            foreach (var plugin in active)
            {
                var status = plugin.Filter(state, pod, node);
                if (!status.IsSuccess)
                {
                    return status.WithPlugin(plugin.Name);
                }
            }

            return Status.Success;
        }

        for (var i = 0; i < Filter.Length; i++)
        {
            if (state.IsFilterSkipped(Filter[i].Name))
            {
                continue;
            }

            var plugin = Filter[i];
            var status = plugin.Filter(state, pod, node);
            if (!status.IsSuccess)
            {
                return status.WithPlugin(plugin.Name);
            }
        }

        return Status.Success;
    }
}
