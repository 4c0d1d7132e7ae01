using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// One watch on the namespace's pods for the agent benchmark: stamps each pod's trace as it is bound, taken up by the
/// agent, Running and deleted, and reports the first pod the agent could not start (so a run fails fast, not at a timeout).
/// </summary>
public sealed class AgentPodWatch : IAsyncDisposable
{
    // Waiting reasons after which the pod will not be Running soon: the benchmark has nothing left to time.
    private static readonly HashSet<string> Stuck = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName", "CreateContainerError",
        "CreateContainerConfigError", "RunContainerError", "CrashLoopBackOff",
    };

    private readonly ApiClient _api;
    private readonly ConcurrentDictionary<string, PodTrace> _pods = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _problem = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _resourceVersion;
    private Task _reader = Task.CompletedTask;

    private AgentPodWatch(ApiClient api, string resourceVersion)
    {
        _api = api;
        _resourceVersion = resourceVersion;
    }

    /// <summary>Every pod seen or tracked so far.</summary>
    public IReadOnlyCollection<PodTrace> Pods => [.. _pods.Values];

    /// <summary>Starts watching from the namespace's current resourceVersion.</summary>
    public static async Task<AgentPodWatch> StartAsync(ApiClient api)
    {
        var (_, resourceVersion) = ApiClient.ReadList(await api.GetBytesAsync(ApiClient.PodsPath + "?limit=1"));
        var watch = new AgentPodWatch(api, resourceVersion);
        watch._reader = Task.Run(watch.ReadAsync);
        return watch;
    }

    public PodTrace Track(string name) => _pods.GetOrAdd(name, n => new PodTrace(n));

    /// <summary>Waits for every task; a pod the agent cannot start, a broken watch or the timeout fail the run.</summary>
    public async Task WaitAsync(IReadOnlyList<Task> tasks, string what, TimeSpan timeout)
    {
        var all = Task.WhenAll(tasks);
        var first = await Task.WhenAny(all, _problem.Task, Task.Delay(timeout));
        if (first == _problem.Task)
        {
            throw new BenchmarkFailure(await _problem.Task);
        }
        if (first != all)
        {
            throw new BenchmarkFailure($"{tasks.Count(t => !t.IsCompleted)} of {tasks.Count} pods were not {what} within {timeout.TotalSeconds:F0} s");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _stop.Dispose();
    }

    private Task ReadAsync() =>
        PodWatchLoop.RunAsync(_api, () => _resourceVersion, Observe, problem => _problem.TrySetResult(problem), _stop.Token);

    private void Observe(string line)
    {
        var now = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var pod = document.RootElement.GetProperty("object");
        if (type == "ERROR")
        {
            _problem.TrySetResult($"the pod watch ended with an error: {line[..Math.Min(300, line.Length)]}");
            return;
        }
        var metadata = pod.GetProperty("metadata");
        _resourceVersion = metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() ?? _resourceVersion : _resourceVersion;
        if (type == "BOOKMARK")
        {
            return;
        }
        var trace = Track(metadata.GetProperty("name").GetString()!);
        trace.Uid ??= metadata.GetProperty("uid").GetString();
        if (type == "DELETED")
        {
            trace.Gone.TrySetResult();
            return;
        }
        if (trace.Bound == 0 && pod.TryGetProperty("spec", out var spec) && spec.TryGetProperty("nodeName", out var node) && node.GetString() is { Length: > 0 })
        {
            trace.Bound = now;
        }
        // Once deleted, a stopped container and a Failed phase are the teardown, not a problem.
        if (metadata.TryGetProperty("deletionTimestamp", out _) || !pod.TryGetProperty("status", out var status))
        {
            return;
        }
        var phase = status.TryGetProperty("phase", out var p) ? p.GetString() : null;
        if (phase is "Failed" or "Succeeded")
        {
            _problem.TrySetResult($"pod {trace.Name} ended ({phase}) instead of running sleep 3600");
        }
        if (!status.TryGetProperty("containerStatuses", out var containers) || containers.GetArrayLength() == 0)
        {
            return;
        }
        if (trace.Accepted == 0)
        {
            trace.Accepted = now;
        }
        var state = containers[0].GetProperty("state");
        if (state.TryGetProperty("waiting", out var waiting) && waiting.TryGetProperty("reason", out var reason) && Stuck.Contains(reason.GetString()!))
        {
            var message = waiting.TryGetProperty("message", out var m) ? m.GetString() : "";
            _problem.TrySetResult($"the agent could not start pod {trace.Name}: {reason.GetString()}: {message}");
        }
        if (phase == "Running" && state.TryGetProperty("running", out _) && trace.RunningAt == 0)
        {
            trace.MarkRunning(now);
        }
    }
}
