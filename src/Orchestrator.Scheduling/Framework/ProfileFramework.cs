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
    }

    public Profile Profile { get; }

    /// <summary>Which filters PreFilter told to skip, looked up once per cycle instead of once per node.</summary>
    public bool[] SkippedFilters(CycleState state)
    {
        var skipped = new bool[Filter.Length];
        for (var i = 0; i < Filter.Length; i++)
        {
            skipped[i] = state.IsFilterSkipped(Filter[i].Name);
        }

        return skipped;
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
    /// <remarks>skipped comes from SkippedFilters; null looks each plugin up in the state instead.</remarks>
    public Status RunFilters(CycleState state, Model.PodInfo pod, Model.NodeInfo node, bool[]? skipped)
    {
        for (var i = 0; i < Filter.Length; i++)
        {
            if (skipped is null ? state.IsFilterSkipped(Filter[i].Name) : skipped[i])
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
