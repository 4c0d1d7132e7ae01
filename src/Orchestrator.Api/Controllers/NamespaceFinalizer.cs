using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Core.Resources;
using Orchestrator.Grains;
using Orchestrator.Storage;

namespace Orchestrator.Api.Controllers;

/// <summary>
/// Kubernetes' namespace controller: a namespace marked for deletion has everything in it deleted, then its
/// <c>kubernetes</c> finalizer removed, and then it goes. Pods that need a graceful stop keep it waiting.
/// </summary>
public sealed partial class NamespaceFinalizer(ObjectWriter writer, ResourceRegistry registry, ILogger<NamespaceFinalizer> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var namespaces = registry.Find("", "v1", "namespaces")!;
        var terminating = new HashSet<string>(StringComparer.Ordinal);
        using var watcher = writer.Store.Cache.Watch(namespaces.StorageKey, null, _ => true, fromRevision: null);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(Retry);
            try
            {
                while (await watcher.Events.WaitToReadAsync(tick.Token))
                {
                    while (watcher.Events.TryRead(out var change))
                    {
                        var name = change.Object.Key.Name;
                        if (change.Type == WatchEventType.Deleted)
                        {
                            terminating.Remove(name);
                        }
                        else if (change.Object.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) >= 0)
                        {
                            terminating.Add(name);
                        }
                    }
                    break;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Idle: fall through and retry the namespaces still emptying.
            }
            foreach (var name in terminating.ToList())
            {
                try
                {
                    await FinalizeAsync(namespaces, name);
                }
                catch (ApiException e) when (e.Code is 404 or 409)
                {
                    // Changed or gone meanwhile; the next pass sees the new state.
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, name, e);
                }
            }
        }
    }

    private async Task FinalizeAsync(ResourceDescriptor namespaces, string name)
    {
        var remaining = 0;
        foreach (var resource in registry.All.Where(r => r.Namespaced && r.Verbs.Contains("delete")))
        {
            foreach (var item in writer.Store.Cache.List(resource.StorageKey, name, _ => true).Items)
            {
                remaining++;
                if (item.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) < 0)
                {
                    await writer.DeleteAsync(resource, name, item.Key.Name, item, new DeleteRequest("Background", null, null, null, false));
                }
            }
        }
        if (remaining > 0)
        {
            return;
        }
        var current = writer.Store.Get(namespaces, null, name);
        if (current is null)
        {
            return;
        }
        var obj = ObjectWriter.Parse(current);
        if (obj["spec"] is JsonObject spec)
        {
            spec.Remove("finalizers");
        }
        if (ObjectMetadata.Finalizers(obj).Count > 0)
        {
            await writer.Store.UpdateAsync(namespaces, null, name, obj, new WritePrecondition(current.Revision));
            return;
        }
        await writer.Store.DeleteAsync(namespaces, null, name, new WritePrecondition(current.Revision));
        LogFinalized(logger, name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Name} emptied and deleted")]
    private static partial void LogFinalized(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not finalize namespace {Name}; retrying")]
    private static partial void LogFailed(ILogger logger, string name, Exception exception);
}
