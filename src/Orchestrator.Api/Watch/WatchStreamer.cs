using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Handlers;
using Orchestrator.Api.Http;
using Orchestrator.Api.Routing;
using Orchestrator.Storage;
using Orchestrator.Tables;
using WatchEventType = Orchestrator.Storage.WatchEventType;

namespace Orchestrator.Api.Watch;

/// <summary>
/// Streams a watch as Kubernetes does: newline-separated <c>{"type","object"}</c> events, BOOKMARKs when asked
/// for, and a 410 Gone <c>Status</c> in an ERROR event when the requested resourceVersion has left the window.
/// </summary>
public sealed class WatchStreamer(ObjectCache cache, TimeProvider clock, ApiServerOptions options)
{

    public async Task StreamAsync(HttpContext context, RequestTarget target, ListQuery query)
    {
        var format = Negotiation.Choose(context.Request);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = format == ResponseFormat.Table ? Negotiation.TableMediaType : "application/json";
        response.Headers.CacheControl = "no-cache, private";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (query.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }
        Watcher watcher;
        try
        {
            watcher = cache.Watch(target.Resource.StorageKey, target.Namespace, query.Predicate(), query.WatchFrom());
        }
        catch (WatchGoneException gone)
        {
            await WriteLineAsync(response, "ERROR", StatusWriter.Failure(new ApiException(410, "Expired", gone.Message)));
            return;
        }
        using (watcher)
        {
            await response.StartAsync(timeout.Token);
            await response.Body.FlushAsync(timeout.Token);
            var first = true;
            try
            {
                while (!timeout.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                    idle.CancelAfter(options.BookmarkInterval);
                    bool ready;
                    try
                    {
                        ready = await watcher.Events.WaitToReadAsync(idle.Token);
                    }
                    catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                    {
                        if (query.AllowBookmarks && watcher.IsCaughtUp(out var revision))
                        {
                            await WriteLineAsync(response, "BOOKMARK", Bookmark(target, revision));
                            await response.Body.FlushAsync(timeout.Token);
                        }
                        continue;
                    }
                    if (!ready)
                    {
                        break;
                    }
                    while (watcher.Events.TryRead(out var change))
                    {
                        if (format == ResponseFormat.Json)
                        {
                            await WriteRawAsync(response, change);
                            continue;
                        }
                        var obj = JsonNode.Parse(change.Object.Json)!.AsObject();
                        JsonNode payload = format switch
                        {
                            ResponseFormat.Table => TableConverter.ToTable(target.Resource, [obj], clock.GetUtcNow(),
                                ResponseWriter.TableOptionsFor(context.Request) with { NoHeaders = !first }),
                            ResponseFormat.PartialObjectMetadata => ResponseWriter.PartialMetadata(obj),
                            _ => obj,
                        };
                        first = false;
                        await WriteLineAsync(response, change.Type.ToString().ToUpperInvariant(), payload);
                    }
                    await response.Body.FlushAsync(timeout.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away or the watch's timeoutSeconds ran out: both end the stream normally.
            }
            catch (WatcherTooSlowException slow)
            {
                await WriteLineAsync(response, "ERROR", StatusWriter.Failure(new ApiException(410, "Expired", slow.Message)));
            }
        }
    }

    private static JsonObject Bookmark(RequestTarget target, long revision) => new()
    {
        ["kind"] = target.Resource.Kind,
        ["apiVersion"] = target.Resource.GroupVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
    };

    private static async Task WriteRawAsync(HttpResponse response, ChangeEvent change)
    {
        var head = change.Type switch
        {
            WatchEventType.Added => "{\"type\":\"ADDED\",\"object\":"u8.ToArray(),
            WatchEventType.Modified => "{\"type\":\"MODIFIED\",\"object\":"u8.ToArray(),
            _ => "{\"type\":\"DELETED\",\"object\":"u8.ToArray(),
        };
        await response.Body.WriteAsync(head);
        await response.Body.WriteAsync(change.Object.Json);
        await response.Body.WriteAsync("}\n"u8.ToArray());
    }

    private static Task WriteLineAsync(HttpResponse response, string type, JsonNode payload)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = payload.Parent is null ? payload : payload.DeepClone() }.ToJsonString() + "\n";
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(line)).AsTask();
    }
}
