using k8s;
using k8s.Models;

namespace Orchestrator.Tests.Controllers;

/// <summary>Watches the pods of a selector and remembers the fewest that were ever Ready and not being deleted at once, and how many pods it saw.</summary>
public sealed class AvailabilityWatch
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _seen = [];
    private Task<int>? _run;

    public Task Started => _started.Task;

    /// <summary>Distinct pods the watch reported, so a test knows it followed the rollout rather than nothing.</summary>
    public int PodsSeen => _seen.Count;

    public static AvailabilityWatch StartAsync(Kubernetes client, string ns, string selector)
    {
        var watch = new AvailabilityWatch();
        watch._run = watch.RunAsync(client, ns, selector);
        return watch;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!;
    }

    private async Task<int> RunAsync(Kubernetes client, string ns, string selector)
    {
        var list = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector);
        var available = list.Items.Where(Available).Select(p => p.Metadata.Uid).ToHashSet();
        var lowest = available.Count;
        _started.TrySetResult();
        try
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: selector,
                resourceVersion: list.Metadata.ResourceVersion, cancellationToken: _stop.Token))
            {
                _seen.Add(pod.Metadata.Uid);
                if (type != WatchEventType.Deleted && Available(pod))
                {
                    available.Add(pod.Metadata.Uid);
                }
                else
                {
                    available.Remove(pod.Metadata.Uid);
                }
                lowest = Math.Min(lowest, available.Count);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the test.
        }
        catch (HttpRequestException) when (_stop.IsCancellationRequested)
        {
            // Stopped by the test while reading.
        }
        return lowest;
    }

    private static bool Available(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
