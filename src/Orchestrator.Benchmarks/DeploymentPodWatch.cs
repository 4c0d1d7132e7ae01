using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// One watch on the benchmark namespace's pods, as a user's watcher sees them: how many are available (Ready, not
/// terminating, on a node that has not been killed) at every event, the lowest count while a rollout is watched, and
/// when each pod on a killed node was evicted (its deletionTimestamp first seen).
/// </summary>
public sealed class DeploymentPodWatch : IAsyncDisposable
{
    private readonly ApiClient _api;
    private readonly Dictionary<string, PodView> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _deadNodes = new(StringComparer.Ordinal);
    private readonly List<(long At, string Node)> _evictions = [];
    private readonly Dictionary<string, (long Seen, long Bound, long Ready)> _born = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion;
    private string? _problem;
    private Task _reader = Task.CompletedTask;
    private int _lowest = int.MaxValue;
    private bool _trackingLowest;

    private DeploymentPodWatch(ApiClient api, string resourceVersion)
    {
        _api = api;
        _resourceVersion = resourceVersion;
    }

    /// <summary>Pods available now: Ready, not terminating, on a live node.</summary>
    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _pods.Values.Count(IsAvailable);
            }
        }
    }

    /// <summary>Starts watching from the namespace's current resourceVersion (the namespace must still be empty).</summary>
    public static async Task<DeploymentPodWatch> StartAsync(ApiClient api)
    {
        var (_, resourceVersion) = ApiClient.ReadList(await api.GetBytesAsync(ApiClient.PodsPath + "?limit=1"));
        var watch = new DeploymentPodWatch(api, resourceVersion);
        watch._reader = Task.Run(watch.ReadAsync);
        return watch;
    }

    /// <summary>From now on pods on these nodes count as lost; their evictions are recorded.</summary>
    public void NodesKilled(IEnumerable<string> nodes, long at)
    {
        foreach (var node in nodes)
        {
            _deadNodes[node] = at;
        }
        Changed();
    }

    /// <summary>Starts recording the lowest available count (for a rollout); returns the count at this moment.</summary>
    public int TrackLowest()
    {
        lock (_lock)
        {
            _trackingLowest = true;
            _lowest = _pods.Values.Count(IsAvailable);
            return _lowest;
        }
    }

    /// <summary>Stops recording and returns the lowest available count seen since <see cref="TrackLowest"/>.</summary>
    public int StopTrackingLowest()
    {
        lock (_lock)
        {
            _trackingLowest = false;
            return _lowest;
        }
    }

    /// <summary>Evictions of pods on killed nodes seen so far: when, and which node.</summary>
    public IReadOnlyList<(long At, string Node)> Evictions
    {
        get
        {
            lock (_lock)
            {
                return [.. _evictions];
            }
        }
    }

    /// <summary>
    /// When pods were first seen, first seen bound and first seen Ready, as offsets from <paramref name="from"/> (a
    /// <see cref="Stopwatch"/> timestamp): the time by which the first, half and all of <paramref name="count"/> pods got
    /// there. Splits a scale-up into its create, schedule and start stages.
    /// </summary>
    public (string Stage, double[] Seconds)[] Timeline(long from, int count)
    {
        lock (_lock)
        {
            double[] Milestones(Func<(long Seen, long Bound, long Ready), long> stage)
            {
                var times = _born.Values.Select(stage).Where(t => t >= from).Order().ToArray();
                return [.. new[] { 1, (count + 1) / 2, count }.Select(n => n <= times.Length ? PodTrace.Milliseconds(from, times[n - 1]) / 1000 : double.NaN)];
            }
            return [("created", Milestones(f => f.Seen)), ("bound", Milestones(f => f.Bound)), ("ready", Milestones(f => f.Ready))];
        }
    }

    /// <summary>Pods first seen at or after <paramref name="since"/>: when seen, bound and Ready (0: not yet).</summary>
    public IReadOnlyList<(long Seen, long Bound, long Ready)> BornSince(long since)
    {
        lock (_lock)
        {
            return [.. _born.Values.Where(b => b.Seen >= since)];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds after some event; false at the timeout. A broken watch fails the run.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_problem is not null)
                {
                    throw new BenchmarkFailure(_problem);
                }
                changed = _changed.Task;
            }
            if (condition())
            {
                return true;
            }
            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            // Re-checked at least every 100 ms as well: conditions may also depend on the clock or on other watches.
            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }

    private bool IsAvailable(PodView pod) => pod.Ready && !pod.Terminating && (pod.Node is null || !_deadNodes.ContainsKey(pod.Node));

    private Task ReadAsync() => PodWatchLoop.RunAsync(_api, () => _resourceVersion, Observe, Fail, _stop.Token);

    private void Fail(string problem)
    {
        lock (_lock)
        {
            _problem = problem;
        }
        Changed();
    }

    private void Observe(string line)
    {
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var pod = document.RootElement.GetProperty("object");
        if (type == "ERROR")
        {
            throw new BenchmarkFailure($"the watch ended with an error: {line[..Math.Min(300, line.Length)]}");
        }
        var metadata = pod.GetProperty("metadata");
        _resourceVersion = metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? _resourceVersion : _resourceVersion;
        if (type == "BOOKMARK")
        {
            return;
        }
        var uid = metadata.GetProperty("uid").GetString()!;
        var view = type == "DELETED" ? null : PodView.Of(pod);
        lock (_lock)
        {
            _pods.TryGetValue(uid, out var before);
            var terminatingNow = view is null || view.Terminating;
            if (terminatingNow && before is { Terminating: false, Node: { } node } && _deadNodes.ContainsKey(node))
            {
                _evictions.Add((Stopwatch.GetTimestamp(), node));
            }
            if (view is not null)
            {
                var now = Stopwatch.GetTimestamp();
                var born = _born.TryGetValue(uid, out var b) ? b : (now, 0L, 0L);
                _born[uid] = (born.Item1, born.Item2 == 0 && view.Node is not null ? now : born.Item2, born.Item3 == 0 && view.Ready ? now : born.Item3);
            }
            if (view is null)
            {
                _pods.Remove(uid);
            }
            else
            {
                _pods[uid] = view;
            }
            if (_trackingLowest)
            {
                _lowest = Math.Min(_lowest, _pods.Values.Count(IsAvailable));
            }
        }
        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }

    private sealed record PodView(string? Node, bool Ready, bool Terminating)
    {
        public static PodView Of(JsonElement pod)
        {
            var node = pod.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var n) ? n.GetString() : null;
            var terminating = pod.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _);
            var ready = pod.TryGetProperty("status", out var status)
                && status.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
            return new PodView(node, ready, terminating);
        }
    }
}
