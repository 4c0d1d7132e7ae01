using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Api.Http;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// Runs one <see cref="IController"/> in the silo the way kube-controller-manager runs one: shared informers (here
/// watches of the in-process store, which already is the lister), a rate-limited work queue, and a few workers.
/// A conflict or a failed write requeues the key with backoff; a watcher cut off as too slow is reopened (a relist).
/// </summary>
public sealed partial class ControllerLoop(IController controller, ObjectCache cache, TimeProvider clock, ControllerOptions options, ILogger<ControllerLoop> logger)
    : BackgroundService
{
    private readonly WorkQueue _queue = new(clock, options.RetryBaseDelay, options.RetryMaxDelay);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IController Controller => controller;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkAsync(stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PumpAsync(stoppingToken);
                }
                catch (Exception e) when (e is WatcherTooSlowException or ChannelClosedException && !stoppingToken.IsCancellationRequested)
                {
                    LogRelist(logger, controller.Name, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        await Task.WhenAll(workers);
    }

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        var watchers = controller.Watches.Select(r => cache.Watch(r, null, _ => true, null, options.WatchBuffer)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var watcher in watchers)
                {
                    while (watcher.Events.TryRead(out var change))
                    {
                        Enqueue(change);
                    }
                }
                // Workers start once every watch's initial list has been read (client-go's WaitForCacheSync), so a
                // controller that keeps state from its watches, like the garbage collector's graph, never acts on half of it.
                _synced.TrySetResult();
                var woke = await Task.WhenAny(watchers.Select(w => w.Events.WaitToReadAsync(stoppingToken).AsTask()));
                if (!await woke)
                {
                    throw new ChannelClosedException();
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    private void Enqueue(ChangeEvent change)
    {
        try
        {
            foreach (var key in controller.KeysFor(change))
            {
                _queue.Add(key);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One object the controller cannot read must not stop it for every other one.
            LogChangeFailed(logger, controller.Name, change.Object.Key.ToString(), e);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _synced.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await _queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            ControllerMetrics.QueueDepth.WithLabels(controller.Name).Set(_queue.Length);
            var started = Stopwatch.GetTimestamp();
            var result = "ok";
            try
            {
                var again = await controller.ReconcileAsync(key, stoppingToken);
                _queue.Forget(key);
                if (again is { } delay)
                {
                    _queue.AddAfter(key, delay);
                }
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // The cache moved on under a write: look again with what it holds now.
                result = "conflict";
                _queue.AddRateLimited(key);
            }
            catch (ApiException e) when (e.Code == 403)
            {
                // A namespace being terminated refuses new content; its finalizer is about to delete the owner too.
                result = "forbidden";
                LogForbidden(logger, controller.Name, key, e.Message);
                _queue.AddRateLimited(key);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                result = "error";
                LogReconcileFailed(logger, controller.Name, key, e);
                _queue.AddRateLimited(key);
            }
            finally
            {
                _queue.Done(key);
                ControllerMetrics.Syncs.WithLabels(controller.Name, result).Inc();
                ControllerMetrics.SyncDuration.WithLabels(controller.Name).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }
}
