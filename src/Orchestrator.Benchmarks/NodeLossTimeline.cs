using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Where the time goes between killing nodes and their pods running elsewhere: the nodes are polled every 100 ms for
/// when each first shows Ready not True and the unreachable NoExecute taint; the pod watch adds evictions and when
/// each replacement was first seen, bound and Ready.
/// </summary>
public sealed class NodeLossTimeline : IAsyncDisposable
{
    private readonly ApiClient _api;
    private readonly HashSet<string> _nodes;
    private readonly Dictionary<string, long> _unknown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tainted = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poller;

    private NodeLossTimeline(ApiClient api, IEnumerable<string> nodes, long killedAt)
    {
        _api = api;
        _nodes = new HashSet<string>(nodes, StringComparer.Ordinal);
        KilledAt = killedAt;
        _poller = Task.Run(PollAsync);
    }

    public long KilledAt { get; }

    public static NodeLossTimeline Start(ApiClient api, IEnumerable<string> nodes, long killedAt) => new(api, nodes, killedAt);

    /// <summary>One line per stage: seconds after the kill for the first and the last node or pod to get there.</summary>
    public void Report(DeploymentPodWatch watch, int evictionsBefore)
    {
        Line("nodes Ready=Unknown (polled every 100 ms)", _unknown.Values);
        Line("nodes tainted unreachable:NoExecute (polled)", _tainted.Values);
        Line("pods on them marked for deletion (watch)", watch.Evictions.Skip(evictionsBefore).Select(e => e.At));
        var born = watch.BornSince(KilledAt);
        Line("replacement pods created (watch)", born.Select(b => b.Seen));
        Line("replacement pods bound", born.Where(b => b.Bound > 0).Select(b => b.Bound));
        Line("replacement pods Ready", born.Where(b => b.Ready > 0).Select(b => b.Ready));
    }

    private void Line(string what, IEnumerable<long> stamps)
    {
        var list = stamps.Order().ToList();
        Benchmarks.Report.Line($"  kill -> {what}: first / last", list.Count == 0
            ? "none"
            : $"{Seconds(list[0]):F2} / {Seconds(list[^1]):F2} s ({list.Count})");
    }

    private double Seconds(long at) => PodTrace.Milliseconds(KilledAt, at) / 1000;

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested && (_unknown.Count < _nodes.Count || _tainted.Count < _nodes.Count))
        {
            try
            {
                using var list = JsonDocument.Parse(await _api.GetBytesAsync("/api/v1/nodes", _stop.Token));
                var now = Stopwatch.GetTimestamp();
                foreach (var node in list.RootElement.GetProperty("items").EnumerateArray())
                {
                    var name = node.GetProperty("metadata").GetProperty("name").GetString()!;
                    if (!_nodes.Contains(name))
                    {
                        continue;
                    }
                    if (!IsReady(node))
                    {
                        _unknown.TryAdd(name, now);
                    }
                    if (HasUnreachableNoExecute(node))
                    {
                        _tainted.TryAdd(name, now);
                    }
                }
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static bool IsReady(JsonElement node) =>
        node.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private static bool HasUnreachableNoExecute(JsonElement node) =>
        node.TryGetProperty("spec", out var spec) && spec.TryGetProperty("taints", out var taints)
        && taints.EnumerateArray().Any(t => t.GetProperty("key").GetString() == "node.kubernetes.io/unreachable" && t.GetProperty("effect").GetString() == "NoExecute");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _poller;
        _stop.Dispose();
    }
}
