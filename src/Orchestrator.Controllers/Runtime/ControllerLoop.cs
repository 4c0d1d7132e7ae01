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
                        foreach (var key in controller.KeysFor(change))
                        {
                            _queue.Add(key);
                        }
                    }
                }
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

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
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
