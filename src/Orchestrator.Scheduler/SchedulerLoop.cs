using Orchestrator.Core.Events;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Grains;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Queue;
using Orchestrator.Storage;
using CoreScheduler = Orchestrator.Scheduling.Framework.Scheduler;

namespace Orchestrator.Scheduler;

/// <summary>
/// One scheduler instance in the silo: watches nodes and pods in the store, keeps the queue, runs the pure core
/// one pod at a time and binds through the node grains, up to <see cref="SchedulerOptions.MaxBindsInFlight"/>
/// bindings at once (kube-scheduler's asynchronous binding cycle). Several instances may run; the node grains
/// keep them from overcommitting a node, and a refused binding goes back to the queue.
/// </summary>
public sealed partial class SchedulerLoop(ObjectLog log, IGrainFactory grains, TimeProvider clock, SchedulerOptions options, ILogger<SchedulerLoop> logger)
    : BackgroundService
{
    private readonly SchedulingRecorder _recorder = new(grains, log, clock, options.Component);

    // The last FailedScheduling message per pod uid, so a pod retried for the same reason is not re-announced.
    private readonly Dictionary<string, string> _announced = new(StringComparer.Ordinal);

    // Decisions not yet sent to their node grains, by node: sent together when the queue has nothing ready or the
    // batch is full, so a run of decisions costs one grain call (and one shard call) per node instead of one per pod.
    private readonly Dictionary<string, List<(PodInfo Pod, int Attempts, long Revision)>> _toBind = new(StringComparer.Ordinal);
    private int _toBindCount;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is WatcherTooSlowException or ChannelClosedException && !stoppingToken.IsCancellationRequested)
            {
                LogResync(logger, options.Component, e);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // Decisions a failed run never sent were assumed in a state that is gone; the new list finds those pods pending.
        _toBind.Clear();
        _toBindCount = 0;
        var names = options.Profiles.Select(p => p.SchedulerName).ToHashSet(StringComparer.Ordinal);
        var state = new ClusterState(names.Contains);
        var core = new CoreScheduler(options.Profiles, new Random(options.Seed));
        using var queue = new SchedulingQueue(clock);
        using var nodes = log.Cache.Watch("/nodes", null, _ => true, null, options.WatchBuffer);
        using var pods = log.Cache.Watch("/pods", null, _ => true, null, options.WatchBuffer);
        using var budgets = log.Cache.Watch("policy/poddisruptionbudgets", null, _ => true, null, options.WatchBuffer);
        var binds = Channel.CreateUnbounded<BindResult>(new UnboundedChannelOptions { SingleReader = true });
        await using var events = new EventWriteQueue(clock, options.EventQueueCapacity, options.EventsPerSecond, options.EventBurst,
            (pod, e) => LogRecordError(logger, pod, e), () => SchedulerMetrics.EventsDropped.Inc());
        var inFlight = 0;
        var synchronized = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            while (nodes.Events.TryRead(out var change))
            {
                Move(queue, state.ApplyNode(change));
            }
            while (budgets.Events.TryRead(out var change))
            {
                state.ApplyBudget(change);
            }
            while (pods.Events.TryRead(out var change))
            {
                Apply(queue, state.ApplyPod(change));
            }
            while (binds.Reader.TryRead(out var result))
            {
                inFlight--;
                Bound(queue, state, result, events);
            }
            if (!synchronized)
            {
                synchronized = true;
                SchedulerMetrics.Synchronized.Set(clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
                LogSynchronized(logger, options.Component, state.NodeCount, queue.ActiveCount);
            }
            ReportQueue(queue);
            if (inFlight < options.MaxBindsInFlight && queue.Pop() is { } next)
            {
                if (ScheduleOne(queue, state, core, next))
                {
                    inFlight++;
                    if (_toBindCount >= options.BindBatch)
                    {
                        SendBinds(binds.Writer);
                    }
                }
                continue;
            }
            SendBinds(binds.Writer);
            var waits = new List<Task>(4)
            {
                nodes.Events.WaitToReadAsync(stoppingToken).AsTask(),
                pods.Events.WaitToReadAsync(stoppingToken).AsTask(),
                budgets.Events.WaitToReadAsync(stoppingToken).AsTask(),
                binds.Reader.WaitToReadAsync(stoppingToken).AsTask(),
            };
            if (inFlight < options.MaxBindsInFlight)
            {
                waits.Add(queue.WaitAsync(stoppingToken).AsTask());
            }
            var woke = await Task.WhenAny(waits);
            await woke;
        }
    }

    /// <summary>One scheduling cycle; true when a binding was started.</summary>
    private bool ScheduleOne(SchedulingQueue queue, ClusterState state, CoreScheduler core, QueuedPodInfo next)
    {
        var tracked = state.Find(next.Key);
        if (tracked is null || tracked.Node.Length > 0 || tracked.Deleting)
        {
            queue.Done(next.Key);
            return false;
        }
        var pod = tracked.Pod;
        var started = Stopwatch.GetTimestamp();
        var result = core.Schedule(pod, state.Snapshot);
        SchedulerMetrics.AlgorithmDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (result.SelectedNode is { } node)
        {
            SchedulerMetrics.Attempts.WithLabels("scheduled").Inc();
            state.Assume(pod, node);
            if (!_toBind.TryGetValue(node, out var onNode))
            {
                _toBind[node] = onNode = [];
            }
            onNode.Add((pod, next.Attempts, tracked.Revision));
            _toBindCount++;
            return true;
        }
        if (result.FitError is { } fit)
        {
            SchedulerMetrics.Attempts.WithLabels("unschedulable").Inc();
            queue.AddUnschedulable(pod, fit.UnschedulablePlugins, next.Attempts);
            if (result.NominatedNodeName is { Length: > 0 } nominated)
            {
                state.Nominate(pod, nominated);
            }
            foreach (var victim in result.Victims)
            {
                SchedulerMetrics.Preemptions.Inc();
                Record(victim, _recorder.PreemptAsync(victim, pod, result.NominatedNodeName!));
            }
            Announce(pod, fit.Message, result.NominatedNodeName);
            return false;
        }
        SchedulerMetrics.Attempts.WithLabels("error").Inc();
        var message = result.Error?.Message ?? "the scheduler returned no decision";
        LogScheduleError(logger, next.Key, message);
        queue.Requeue(pod, next.Attempts);
        Announce(pod, message, null);
        return false;
    }

    private void SendBinds(ChannelWriter<BindResult> binds)
    {
        if (_toBindCount == 0)
        {
            return;
        }
        foreach (var (node, pods) in _toBind)
        {
            _ = BindAsync(node, pods, binds);
        }
        _toBind.Clear();
        _toBindCount = 0;
    }

    private async Task BindAsync(string node, List<(PodInfo Pod, int Attempts, long Revision)> pods, ChannelWriter<BindResult> binds)
    {
        try
        {
            // The requests as translated at the revision the scheduler saw: the grain reuses them while the pod is unchanged.
            var requests = pods.Select(p => new BindRequest(p.Pod.Namespace, p.Pod.Name, p.Pod.Uid, options.Component, p.Revision, Requests(p.Pod))).ToArray();
            var outcomes = await grains.GetGrain<INodeGrain>(node).BindManyAsync(new(requests));
            for (var i = 0; i < pods.Count; i++)
            {
                binds.TryWrite(new BindResult(pods[i].Pod, node, pods[i].Attempts, outcomes[i], null));
            }
        }
        catch (Exception e)
        {
            foreach (var (pod, attempts, _) in pods)
            {
                binds.TryWrite(new BindResult(pod, node, attempts, null, e));
            }
        }
    }

    private static PodRequests Requests(PodInfo pod) => new(pod.Requests.MilliCpu, pod.Requests.Memory, pod.Requests.EphemeralStorage,
        pod.Requests.Extended?.ToDictionary(StringComparer.Ordinal));

    private void Bound(SchedulingQueue queue, ClusterState state, BindResult result, EventWriteQueue events)
    {
        var key = result.Pod.Namespace + "/" + result.Pod.Name;
        var status = result.Outcome?.Status;
        SchedulerMetrics.Binds.WithLabels(status?.ToString() ?? "error").Inc();
        if (status == BindStatus.Bound)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            if (SchedulerMetrics.FirstBind.Value == 0)
            {
                SchedulerMetrics.FirstBind.Set(now);
            }

            SchedulerMetrics.LastBind.Set(now);
            queue.Done(key);
            _announced.Remove(result.Pod.Uid);
            // Best-effort and rate-limited, as kube's event broadcaster: a burst of bindings drops most of these.
            var (pod, node) = (result.Pod, result.Node);
            events.TryEnqueue(pod.ToString(), () => _recorder.ScheduledAsync(pod, node));
            return;
        }
        state.Forget(result.Pod, result.Node);
        if (status is BindStatus.PodNotFound or BindStatus.Conflict)
        {
            // Gone, bound by someone else or being deleted: nothing left to schedule.
            queue.Done(key);
            return;
        }
        if (result.Error is not null)
        {
            LogBindError(logger, key, result.Node, result.Error);
        }
        queue.Requeue(result.Pod, result.Attempts);
        Announce(result.Pod, $"Binding rejected: {result.Outcome?.Message ?? result.Error?.Message}", null);
    }

    private void Announce(PodInfo pod, string message, string? nominated)
    {
        if (_announced.TryGetValue(pod.Uid, out var last) && last == message && nominated is null)
        {
            return;
        }
        _announced[pod.Uid] = message;
        Record(pod, _recorder.UnschedulableAsync(pod, message, nominated));
    }

    private void Record(PodInfo pod, Task write) =>
        _ = write.ContinueWith(
            t => LogRecordError(logger, pod.ToString(), t.Exception!.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static void Apply(SchedulingQueue queue, PodChange change)
    {
        if (change.Pending is { } pending)
        {
            queue.Add(pending);
        }
        else if (change.Dequeue is { } key)
        {
            queue.Delete(key);
        }
        Move(queue, change.Event);
    }

    private static void Move(SchedulingQueue queue, ClusterEvent clusterEvent)
    {
        if (clusterEvent != ClusterEvent.None)
        {
            queue.MoveOnEvent(clusterEvent);
        }
    }

    private static void ReportQueue(SchedulingQueue queue)
    {
        SchedulerMetrics.Pending.WithLabels("active").Set(queue.ActiveCount);
        SchedulerMetrics.Pending.WithLabels("backoff").Set(queue.BackoffCount);
        SchedulerMetrics.Pending.WithLabels("unschedulable").Set(queue.UnschedulableCount);
    }
}
