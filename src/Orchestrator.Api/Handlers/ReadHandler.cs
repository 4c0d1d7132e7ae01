using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Api.Routing;
using Orchestrator.Api.Watch;
using Orchestrator.Storage;

namespace Orchestrator.Api.Handlers;

/// <summary>GET of one object, LIST and WATCH, all served from the cache at one consistent revision.</summary>
public sealed class ReadHandler(ObjectStore store, ResponseWriter writer, WatchStreamer watches)
{
    public Task GetAsync(HttpContext context, RequestTarget target)
    {
        var found = store.Get(target.Resource, target.Namespace, target.Name!)
            ?? throw ApiException.NotFound(target.Resource.Group, target.Resource.Plural, target.Name!);
        return writer.WriteObjectAsync(context, target.Resource, found.Json, 200);
    }

    public Task ListAsync(HttpContext context, RequestTarget target)
    {
        var query = ListQuery.Parse(context.Request, target.Resource);
        if (query.Watch)
        {
            return watches.StreamAsync(context, target, query);
        }
        var predicate = query.Predicate();
        ListResult list;
        if (query.Fields.TryGetExactMatch("metadata.name", out var name) && (target.Namespace is not null || !target.Resource.Namespaced))
        {
            // kubectl delete --wait and get -w by name land here: one lookup instead of a scan.
            var one = store.Get(target.Resource, target.Namespace, name);
            list = new ListResult(one is not null && predicate(one) ? [one] : [], store.Cache.Revision, null, null);
        }
        else
        {
            list = store.Cache.List(target.Resource.StorageKey, target.Namespace, predicate, query.Limit, query.ContinueAfter);
        }
        var token = list.ContinueAfter is { } after ? ListQuery.EncodeContinue(list.Revision, after) : null;
        return writer.WriteListAsync(context, target.Resource, list, token);
    }
}
