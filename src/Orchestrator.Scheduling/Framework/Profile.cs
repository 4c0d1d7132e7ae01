using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Framework;

/// <summary>A scheduler profile: the schedulerName it serves, the plugins it enables (in registry order), weights and args.</summary>
public sealed record Profile
{
    public string SchedulerName { get; init; } = Model.PodInfo.DefaultSchedulerName;

    public PluginRegistry Registry { get; init; } = PluginRegistry.Default;

    /// <summary>Enabled plugins; null means every plugin in the registry.</summary>
    public ImmutableHashSet<string>? Enabled { get; init; }

    public ImmutableDictionary<string, int> ScoreWeights { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, object> PluginArgs { get; init; } = ImmutableDictionary<string, object>.Empty;

    /// <summary>Share of nodes to find feasible before stopping; 0 is kube-scheduler's adaptive 50% - nodes/125 (at least 5%), 100 checks all.</summary>
    public int PercentageOfNodesToScore { get; init; }

    public static Profile Default { get; } = new();

    public IEnumerable<PluginRegistration> EnabledPlugins =>
        Registry.Plugins.Where(p => Enabled is null || Enabled.Contains(p.Name));

    public Profile Only(params string[] plugins) => this with { Enabled = [.. plugins] };

    public Profile Without(string plugin) =>
        this with { Enabled = (Enabled ?? [.. Registry.Plugins.Select(p => p.Name)]).Remove(plugin) };

    public Profile WithWeight(string plugin, int weight) => this with { ScoreWeights = ScoreWeights.SetItem(plugin, weight) };

    public Profile WithArgs(string plugin, object args) => this with { PluginArgs = PluginArgs.SetItem(plugin, args) };

    public int WeightOf(string plugin) =>
        ScoreWeights.TryGetValue(plugin, out var weight) ? weight : Registry.Get(plugin).DefaultWeight;
}
