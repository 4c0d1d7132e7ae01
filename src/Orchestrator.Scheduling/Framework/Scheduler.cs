using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Runs one scheduling cycle per pod over a snapshot: PreFilter, Filter, PostFilter, PreScore, Score, select, Reserve.</summary>
/// <remarks>Not thread-safe: like kube-scheduler it schedules one pod at a time and remembers where the last
/// cycle stopped filtering, so sampled clusters are searched round-robin. Same seed, same calls, same answers.</remarks>
public sealed class Scheduler
{
    private readonly ImmutableDictionary<string, ProfileFramework> _profiles;
    private readonly Random _random;
    private readonly List<(int Node, Status Status)> _rejected = [];
    private readonly FeasibleNodes _feasible = new();
    private readonly FusedCycle _fused = new();
    private int _nextStartNodeIndex;
    private long[] _column = [];
    private long[] _totals = [];

    public Scheduler(Random random)
        : this([Profile.Default], random)
    {
    }

    public Scheduler(IEnumerable<Profile> profiles, Random random)
    {
        _profiles = profiles.ToImmutableDictionary(p => p.SchedulerName, p => new ProfileFramework(p), StringComparer.Ordinal);
        _random = random;
    }

    /// <summary>
    /// Whether a cycle the profile's fused scoring serves scores nodes as the filter loop finds them (the default);
    /// off, every cycle runs the plugins one after another. Tests compare the two.
    /// </summary>
    internal bool FusedScoring { get; init; } = true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScheduleResult Schedule(PodInfo pod, Snapshot snapshot)
    {
        if (!_profiles.TryGetValue(pod.SchedulerName, out var framework))
        {
            return new ScheduleResult { Error = Status.Error($"no profile serves schedulerName {pod.SchedulerName}") };
        }

        var nodes = snapshot.Nodes;
        if (nodes.IsEmpty)
        {
            return new ScheduleResult { Error = Status.Error("no nodes available to schedule pods") };
        }

        var state = new CycleState(snapshot);
        foreach (var plugin in framework.PreFilter)
        {
            // A Skip is only recorded, so it is not copied to carry the plugin's name (three copies a decision).
            var status = plugin.PreFilter(state, pod);
            if (status.Code == StatusCode.Skip)
            {
                state.SkipFilter(plugin.Name);
                continue;
            }

            status = status.WithPlugin(plugin.Name);
            if (status.IsRejected)
            {
                return PreFilterRejected(framework, state, pod, nodes, status);
            }
            else if (!status.IsSuccess)
            {
                return new ScheduleResult { Error = status };
            }
        }

        var active = framework.ActiveFilters(state);

        // Like kube-scheduler, a pod that preempted tries the node it made room on first and takes it if it fits.
        if (pod.NominatedNodeName.Length > 0
            && snapshot.Get(pod.NominatedNodeName) is { } nominated
            && framework.RunFiltersWithNominatedPods(state, pod, nominated, active).IsSuccess)
        {
            return Reserve(framework, state, pod, nominated.Name, 1, 1, null);
        }

        var count = nodes.Count;
        var toFind = NodeSampling.FeasibleNodesToFind(framework.Profile.PercentageOfNodesToScore, count);
        // Scratch reused by every cycle: the score table keeps the indexes it needs, not this list.
        var feasible = _feasible;
        feasible.Reset(nodes, Math.Min(toFind, count));
        // Why nodes were rejected only matters when none fits; a scratch list reused by every cycle costs nothing to
        // fill on the common path, where a busy cluster rejects a hundred full nodes a cycle.
        var rejected = _rejected;
        rejected.Clear();

        // Decided once per cycle: without nominated pods a node's filters need no what-if copy of it, and when every
        // active filter can state its verdict as a row check, a node whose row passes is feasible without a plugin
        // call; the rest (full, cordoned, tainted nodes) run the filters, which say exactly why they were rejected.
        var withNominated = snapshot.HasNominatedPods;
        var hasPrecheck = ProfileFramework.TryPrecheck(pod, active, out var precheck) && !withNominated;
        var index = _nextStartNodeIndex % count;
        var processed = 0;

        // The count and buffer in locals: the loop's exit test and stores then stay in registers.
        var found = feasible.Buffer;
        var feasibleCount = 0;

        // When the profile's plugins can all be written as row arithmetic for this pod, a feasible node is scored as it
        // is found, while its row is in cache, and the host picked in one pass: no plugin pass over the nodes after.
        var fused = hasPrecheck && FusedScoring && framework.Fused is { } scoring && scoring.Serves(pod, nodes);
        if (fused)
        {
            _fused.Begin(framework.Fused!, pod, snapshot, index, Math.Min(toFind, count));
            if (_fused.Filter(framework, state, pod, active, in precheck, toFind, found, rejected, out feasibleCount, out processed, out index) is { } failure)
            {
                return new ScheduleResult { Error = failure };
            }
        }

        var rows = nodes.Read();
        for (; !fused && processed < count && feasibleCount < toFind; processed++)
        {
            var at = index;
            index = index + 1 == count ? 0 : index + 1;
            if (hasPrecheck)
            {
                ref readonly var row = ref rows.Row(at);
                if (precheck.Passes(in row))
                {
                    found[feasibleCount++] = at;
                    continue;
                }

                if (precheck.RejectionOf(pod, in row) is { IsRejected: true } rejection)
                {
                    rejected.Add((at, rejection));
                    continue;
                }
            }

            var node = nodes[at];
            var status = withNominated
                ? framework.RunFiltersWithNominatedPods(state, pod, node, active)
                : framework.RunFilters(state, pod, node, active);
            if (status.IsSuccess)
            {
                found[feasibleCount++] = at;
            }
            else if (status.IsRejected)
            {
                rejected.Add((at, status));
            }
            else
            {
                return new ScheduleResult { Error = status };
            }
        }

        // Where the next cycle starts, so a sampled cluster is searched round-robin.
        _nextStartNodeIndex = index;
        feasible.SetCount(feasibleCount);
        if (feasible.Count == 0)
        {
            if (fused)
            {
                _fused.RejectShort(pod, in precheck, rejected);
            }

            var statuses = rejected.ToImmutableDictionary(r => nodes[r.Node].Name, r => r.Status, StringComparer.Ordinal);
            rejected.Clear();
            return Unschedulable(framework, state, pod, count, statuses, "");
        }

        if (feasible.Count == 1)
        {
            return Reserve(framework, state, pod, feasible[0].Name, processed, 1, null);
        }

        if (fused && _fused.TrySelect(feasibleCount, processed, _random, out var best, out var fusedScores))
        {
            var table = new ScoreTable(framework.ScoreNames, framework.ScoreWeights, nodes, fusedScores);
            return Reserve(framework, state, pod, nodes[found[best]].Name, processed, feasibleCount, table);
        }

        // The indexes are scratch the next cycle overwrites, so the state (kept by the result) holds them only while scoring.
        state.FeasibleIndexes = feasible.IndexMemory;
        var scores = Score(framework, state, pod, feasible, out var error);
        state.FeasibleIndexes = default;
        if (scores is null)
        {
            return new ScheduleResult { Error = error };
        }

        return Reserve(framework, state, pod, SelectHost(scores, _totals.AsSpan(0, feasible.Count)), processed, feasible.Count, scores);
    }

    /// <summary>Undoes Reserve after a later step (binding) failed, in reverse plugin order as kube-scheduler does.</summary>
    public void Unreserve(PodInfo pod, ScheduleResult result)
    {
        if (result.SelectedNode is null || result.State is null || !_profiles.TryGetValue(pod.SchedulerName, out var framework))
        {
            return;
        }

        for (var i = framework.Reserve.Length - 1; i >= 0; i--)
        {
            framework.Reserve[i].Unreserve(result.State, pod, result.SelectedNode);
        }
    }

    // Every node gets the PreFilter's verdict, which PostFilter needs; the message states it once. A method of its
    // own: the lambda's capture of the status, inlined in Schedule's loop, cost a closure per PreFilter call.
    private static ScheduleResult PreFilterRejected(ProfileFramework framework, CycleState state, PodInfo pod, NodeList nodes, Status status)
    {
        var all = nodes.ToImmutableDictionary(n => n.Name, _ => status, StringComparer.Ordinal);
        return Unschedulable(framework, state, pod, nodes.Count, all, status.Message);
    }

    // kube-scheduler's RunPostFilterPlugins: the first plugin to succeed wins; a plugin that fails still
    // contributes its message to the FitError and may clear the pod's nomination.
    private static ScheduleResult Unschedulable(
        ProfileFramework framework, CycleState state, PodInfo pod, int numAllNodes,
        ImmutableDictionary<string, Status> statuses, string preFilterMessage)
    {
        string? nominated = null;
        ImmutableArray<PodInfo> victims = [];
        var messages = new List<string>();
        foreach (var plugin in framework.PostFilter)
        {
            var result = plugin.PostFilter(state, pod, statuses, framework);
            var status = result.Status;
            if (status.IsSuccess)
            {
                (nominated, victims) = (result.NominatedNodeName, result.Victims);
                messages.Clear();
                break;
            }

            if (!status.IsRejected)
            {
                return new ScheduleResult { Error = status.WithPlugin(plugin.Name), EvaluatedNodes = statuses.Count };
            }

            nominated = result.NominatedNodeName ?? nominated;
            messages.Add(status.Message);
            if (status.Code == StatusCode.UnschedulableAndUnresolvable)
            {
                break;
            }
        }

        var fitError = new FitError(pod, numAllNodes, statuses, preFilterMessage, string.Join(", ", messages.Where(m => m.Length > 0)));
        return new ScheduleResult { FitError = fitError, EvaluatedNodes = statuses.Count, NominatedNodeName = nominated, Victims = victims, State = state };
    }

    private ScoreTable? Score(
        ProfileFramework framework, CycleState state, PodInfo pod, FeasibleNodes nodes, out Status? error)
    {
        error = null;
        foreach (var plugin in framework.PreScore)
        {
            var status = plugin.PreScore(state, pod, nodes);
            if (status.Code == StatusCode.Skip)
            {
                state.SkipScore(plugin.Name);
            }
            else if (!status.IsSuccess)
            {
                error = status.WithPlugin(plugin.Name);
                return null;
            }
        }

        var plugins = framework.Score.Length;
        var table = new byte[nodes.Count * plugins];

        // One plugin's column at a time; scratch kept by the scheduler (one cycle at a time) rather than 4 KB a decision.
        if (_column.Length < nodes.Count)
        {
            _column = new long[Math.Max(nodes.Count, _column.Length * 2)];
            _totals = new long[_column.Length];
        }

        var column = _column.AsSpan(0, nodes.Count);

        // Weighted totals kept as the table fills, so picking the host does not re-read the table.
        var totals = _totals.AsSpan(0, nodes.Count);
        totals.Clear();
        for (var p = 0; p < plugins; p++)
        {
            var plugin = framework.Score[p];
            var weight = (long)framework.ScoreWeights[p];
            if (state.IsScoreSkipped(plugin.Name))
            {
                continue;
            }

            column.Clear();
            if (plugin is not IRowScorePlugin rows || !rows.TryScoreRows(state, pod, state.Snapshot.Nodes, nodes.Indexes, column))
            {
                plugin.ScoreAll(state, pod, nodes.AsSpan(), column);
            }

            plugin.NormalizeScore(state, pod, nodes, column);
            for (var n = 0; n < column.Length; n++)
            {
                if (column[n] is < NodeScores.Min or > NodeScores.Max)
                {
                    error = Status.Error($"plugin {plugin.Name} returned score {column[n]} for node {nodes[n].Name}, outside [0, 100]");
                    return null;
                }

                table[(n * plugins) + p] = (byte)column[n];
                totals[n] += column[n] * weight;
            }
        }

        return new ScoreTable(framework.ScoreNames, framework.ScoreWeights, state.Snapshot.Nodes, nodes.Indexes.ToArray(), table);
    }

    // The highest total wins; ties are split by one draw from the injected Random, so a seed replays the same choice.
    private string SelectHost(ScoreTable scores, ReadOnlySpan<long> totals) => scores.NodeAt(HostSelection.Select(totals, _random));

    private static ScheduleResult Reserve(
        ProfileFramework framework, CycleState state, PodInfo pod, string node, int evaluated, int feasible, ScoreTable? scores)
    {
        for (var i = 0; i < framework.Reserve.Length; i++)
        {
            var status = framework.Reserve[i].Reserve(state, pod, node);
            if (!status.IsSuccess)
            {
                // kube-scheduler unreserves every Reserve plugin, not just those that succeeded.
                for (var j = framework.Reserve.Length - 1; j >= 0; j--)
                {
                    framework.Reserve[j].Unreserve(state, pod, node);
                }

                return new ScheduleResult { Error = status.WithPlugin(framework.Reserve[i].Name), EvaluatedNodes = evaluated, FeasibleNodes = feasible, Scores = scores };
            }
        }

        return new ScheduleResult { SelectedNode = node, EvaluatedNodes = evaluated, FeasibleNodes = feasible, Scores = scores, State = state };
    }
}
