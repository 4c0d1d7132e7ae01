using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Every feasible node's normalized score from every score plugin, so each placement can be explained.</summary>
public sealed class ScoreTable
{
    // Node-major, one flat array, so a decision over 500 nodes costs a few allocations rather than 500 records; a
    // normalized score is 0..100, so a byte each (the framework checks the range before storing). Totals are summed
    // from it when asked: a few multiplications per node cost less than a 4 KB array per decision for the GC. A fused
    // cycle leaves it null until asked, and _fused fills it.
    private byte[]? _scores;

    // The feasible nodes as indexes into the cycle's (immutable) node list: their names are only needed when someone
    // reads Nodes or asks for one node, so the array of names is built then, not on every decision, and the scheduler
    // reuses its list of feasible nodes for the next cycle.
    private readonly NodeList _nodes;
    private int[]? _indexes;
    private ImmutableArray<string> _names;
    private readonly FusedScores? _fused;

    internal ScoreTable(ImmutableArray<string> plugins, ImmutableArray<int> weights, NodeList nodes, int[] indexes, byte[] scores)
    {
        Plugins = plugins;
        Weights = weights;
        _nodes = nodes;
        _indexes = indexes;
        _scores = scores;
        Count = indexes.Length;
    }

    /// <summary>A fused cycle's table, filled from what its scores were worked out from the first time it is read.</summary>
    internal ScoreTable(ImmutableArray<string> plugins, ImmutableArray<int> weights, NodeList nodes, FusedScores fused)
    {
        Plugins = plugins;
        Weights = weights;
        _nodes = nodes;
        _fused = fused;
        Count = fused.Count;
    }

    public ImmutableArray<string> Plugins { get; }

    public ImmutableArray<int> Weights { get; }

    public ImmutableArray<string> Nodes => _names.IsDefault ? _names = [.. Indexes.Select(i => _nodes[i].Name)] : _names;

    internal int Count { get; }

    /// <summary>Whether a fused cycle made the table (tests check that they compared the fused path, not the plugins twice).</summary>
    internal bool IsFused => _fused is not null;

    private int[] Indexes => _indexes ??= _fused!.Indexes();

    private byte[] Scores => _scores ??= _fused!.Table(Indexes);

    /// <summary>The plugin's normalized score (0..100) for the node, before its weight is applied.</summary>
    public long Score(string node, string plugin) => Scores[(IndexOfNode(node) * Plugins.Length) + IndexOfPlugin(plugin)];

    /// <summary>Sum over plugins of score × weight.</summary>
    public long Total(string node) => TotalAt(IndexOfNode(node));

    internal long TotalAt(int row)
    {
        long total = 0;
        var offset = row * Plugins.Length;
        var scores = Scores;
        for (var p = 0; p < Plugins.Length; p++)
        {
            total += scores[offset + p] * (long)Weights[p];
        }

        return total;
    }

    internal string NodeAt(int row) => _nodes[Indexes[row]].Name;

    public IReadOnlyDictionary<string, long> Totals() =>
        Nodes.Select((n, i) => (n, TotalAt(i))).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    /// <summary>"n1 = 250: NodeResourcesFit 50×1 + PodTopologySpread 100×2".</summary>
    public string Explain(string node)
    {
        var row = IndexOfNode(node);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{node} = {TotalAt(row)}:");
        for (var p = 0; p < Plugins.Length; p++)
        {
            text.Append(p == 0 ? " " : " + ")
                .Append(CultureInfo.InvariantCulture, $"{Plugins[p]} {Scores[(row * Plugins.Length) + p]}×{Weights[p]}");
        }

        return text.ToString();
    }

    private int IndexOfNode(string node)
    {
        var index = Nodes.IndexOf(node);
        return index >= 0 ? index : throw new KeyNotFoundException($"node {node} was not scored");
    }

    private int IndexOfPlugin(string plugin)
    {
        var index = Plugins.IndexOf(plugin);
        return index >= 0 ? index : throw new KeyNotFoundException($"plugin {plugin} did not score");
    }
}
