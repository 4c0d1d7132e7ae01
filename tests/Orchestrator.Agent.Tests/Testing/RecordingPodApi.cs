using k8s;
using k8s.Models;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>The API as a pod worker sees it, in memory: records statuses, events and deletes, and serves ConfigMaps and Secrets.</summary>
public sealed class RecordingPodApi : IPodStatusWriter, IPodConfigSource
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly object _gate = new();
    private readonly List<V1PodStatus> _statuses = [];
    private readonly List<(string Type, string Reason, string Message)> _events = [];
    private readonly List<V1Pod> _deleted = [];
    private readonly List<(Func<V1PodStatus, bool> Match, TaskCompletionSource<V1PodStatus> Found)> _waiters = [];
    private readonly TaskCompletionSource<V1Pod> _deletion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Dictionary<string, V1ConfigMap> ConfigMaps { get; } = [];

    public Dictionary<string, V1Secret> Secrets { get; } = [];

    public IReadOnlyList<V1PodStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public IReadOnlyList<(string Type, string Reason, string Message)> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Task WriteStatusAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken)
    {
        // A copy, as the server would keep one: the worker must not be able to change what was written.
        var copy = KubernetesJson.Deserialize<V1PodStatus>(KubernetesJson.Serialize(status));
        List<TaskCompletionSource<V1PodStatus>> found;
        lock (_gate)
        {
            _statuses.Add(copy);
            found = [.. _waiters.Where(w => w.Match(copy)).Select(w => w.Found)];
            _waiters.RemoveAll(w => found.Contains(w.Found));
        }
        foreach (var waiter in found)
        {
            waiter.TrySetResult(copy);
        }
        return Task.CompletedTask;
    }

    public Task RecordEventAsync(V1Pod pod, string type, string reason, string message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add((type, reason, message));
        }
        return Task.CompletedTask;
    }

    public Task DeletePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _deleted.Add(pod);
        }
        _deletion.TrySetResult(pod);
        return Task.CompletedTask;
    }

    public Task<V1ConfigMap?> ReadConfigMapAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        Task.FromResult(ConfigMaps.GetValueOrDefault(name));

    public Task<V1Secret?> ReadSecretAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets.GetValueOrDefault(name));

    /// <summary>The first status written, earlier or from now on, that matches; fails the test after 20 s with the last one.</summary>
    public async Task<V1PodStatus> WaitForAsync(Func<V1PodStatus, bool> match, string what)
    {
        Task<V1PodStatus> found;
        lock (_gate)
        {
            if (_statuses.FirstOrDefault(match) is { } already)
            {
                return already;
            }
            var waiter = new TaskCompletionSource<V1PodStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            found = waiter.Task;
        }
        try
        {
            return await found.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            var last = Statuses.LastOrDefault();
            Assert.Fail($"No status showed {what} within {Patience.TotalSeconds:0} s; the last: {(last is null ? "none" : KubernetesJson.Serialize(last))}; events: {string.Join(" | ", Events)}");
            throw;
        }
    }

    /// <summary>The pod the worker deleted from the API (grace 0), once it does.</summary>
    public Task<V1Pod> DeletedAsync() => _deletion.Task.WaitAsync(Patience);
}
