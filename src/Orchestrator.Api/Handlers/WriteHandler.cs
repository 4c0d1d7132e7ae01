using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Api.Routing;
using Orchestrator.Apply;

namespace Orchestrator.Api.Handlers;

/// <summary>POST, PUT, PATCH and DELETE on objects and their status: decode, then hand to the <see cref="ObjectWriter"/>.</summary>
public sealed class WriteHandler(ObjectWriter objects, ResponseWriter writer, TimeProvider clock)
{
    /// <summary>How often a patch is re-applied when a concurrent write got there first.</summary>
    // Kubernetes re-applies a patch until it lands (GuaranteedUpdate); a hot object (a Deployment whose controller
    // writes its status many times a second) can lose several rounds in a row, and the cache a round reads may lag
    // the write that beat it by a moment, so rounds back off a little: 1, 2, 4 ... 50 ms, ~2.5 s in all.
    private const int PatchAttempts = 60;

    public async Task CreateAsync(HttpContext context, RequestTarget target)
    {
        var r = target.Resource;
        var options = Options(context.Request, "kubectl-create");
        var body = await ReadObjectAsync(context, patch: false);
        var obj = BodyDecoder.Decode(context, body, r, r.Group, r.Version, r.Kind, r.ModelType, options.FieldValidation);
        var created = await objects.CreateAsync(r, target.Namespace, obj, options);
        await writer.WriteObjectAsync(context, r, created, options.DryRun ? 200 : 201);
    }

    public async Task UpdateAsync(HttpContext context, RequestTarget target)
    {
        var r = target.Resource;
        var options = Options(context.Request, "kubectl-edit");
        var body = await ReadObjectAsync(context, patch: false);
        var obj = BodyDecoder.Decode(context, body, r, r.Group, r.Version, r.Kind, r.ModelType, options.FieldValidation);
        var name = target.Name!;
        if (ObjectMetadata.String(obj, "name") is { } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        var expected = ObjectMetadata.Revision(obj);
        for (var attempt = 1; ; attempt++)
        {
            var current = objects.Store.Get(r, target.Namespace, name) ?? throw ApiException.NotFound(r.Group, r.Plural, name);
            if (expected != 0 && expected != current.Revision)
            {
                throw ApiException.Conflict(r.Group, r.Plural, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
            try
            {
                var updated = await objects.UpdateAsync(r, target.Namespace, name, current, obj.DeepClone().AsObject(), target.Subresource, options, expected);
                await writer.WriteObjectAsync(context, r, updated, 200);
                return;
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && expected == 0 && attempt < PatchAttempts)
            {
                // A PUT without a resourceVersion is unconditional on Kubernetes: a concurrent write is retried past.
                await Task.Delay(ObjectWriter.ConflictBackoff(attempt), clock, context.RequestAborted);
            }
        }
    }

    public async Task PatchAsync(HttpContext context, RequestTarget target)
    {
        var r = target.Resource;
        var mediaType = RequestBody.MediaType(context.Request, patch: true);
        var isApply = mediaType == RequestBody.ApplyPatch;
        var options = Options(context.Request, isApply ? null : "kubectl-patch");
        var patch = RequestBody.ParseNode(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
        var name = target.Name!;
        for (var attempt = 1; ; attempt++)
        {
            var current = objects.Store.Get(r, target.Namespace, name);
            if (current is null && !isApply)
            {
                throw ApiException.NotFound(r.Group, r.Plural, name);
            }
            if (current is null)
            {
                var applied = ApplyPatch(context, target, null, patch, options);
                await writer.WriteObjectAsync(context, r, await objects.CreateAppliedAsync(r, target.Namespace, applied, options.DryRun), options.DryRun ? 200 : 201);
                return;
            }
            var live = ObjectWriter.Parse(current);
            var patched = isApply ? ApplyPatch(context, target, live, patch, options) : PatchDispatch.Apply(r.ModelType, mediaType, live, patch);
            var patchedRevision = ObjectMetadata.String(patched, "resourceVersion");
            var pinned = patchedRevision is not null && patchedRevision != current.Revision.ToString(CultureInfo.InvariantCulture);
            if (pinned)
            {
                throw ApiException.Conflict(r.Group, r.Plural, name, "the object has been modified; please apply your changes to the latest version and try again");
            }
            if (ObjectMetadata.String(patched, "name") != name)
            {
                throw ApiException.BadRequest($"the name of the object ({ObjectMetadata.String(patched, "name")}) does not match the name on the URL ({name}); names cannot be patched");
            }
            BodyDecoder.Decode(context, patched, r, r.Group, r.Version, r.Kind, r.ModelType, options.FieldValidation);
            try
            {
                var updated = await objects.UpdateAsync(r, target.Namespace, name, current, patched, target.Subresource, options, current.Revision, trackFields: !isApply);
                await writer.WriteObjectAsync(context, r, updated, 200);
                return;
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && attempt < PatchAttempts)
            {
                // Another writer changed the object between our read and write; Kubernetes re-applies the patch.
                await Task.Delay(ObjectWriter.ConflictBackoff(attempt), clock, context.RequestAborted);
            }
        }
    }

    public async Task DeleteAsync(HttpContext context, RequestTarget target)
    {
        var r = target.Resource;
        var request = await DeleteRequestAsync(context);
        var name = target.Name!;
        var current = objects.Store.Get(r, target.Namespace, name) ?? throw ApiException.NotFound(r.Group, r.Plural, name);
        var (json, deleted) = await objects.DeleteAsync(r, target.Namespace, name, current, request);
        if (deleted && r.Kind is not ("Pod" or "Service" or "Namespace"))
        {
            await writer.WriteJsonAsync(context, 200, StatusWriter.Success(200, new JsonObject
            {
                ["name"] = name,
                ["group"] = r.Group,
                ["kind"] = r.Plural,
                ["uid"] = current.Summary.Uid,
            }));
            return;
        }
        await writer.WriteObjectAsync(context, r, json, 200);
    }

    public async Task DeleteCollectionAsync(HttpContext context, RequestTarget target)
    {
        var r = target.Resource;
        var query = ListQuery.Parse(context.Request, r);
        var request = await DeleteRequestAsync(context);
        var list = objects.Store.Cache.List(r.StorageKey, target.Namespace, query.Predicate());
        foreach (var item in list.Items)
        {
            try
            {
                await objects.DeleteAsync(r, item.Key.Namespace.Length == 0 ? null : item.Key.Namespace, item.Key.Name, item, request);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Gone or changed since the list: deletecollection is best effort per item, as in Kubernetes.
            }
        }
        await writer.WriteJsonAsync(context, 200, StatusWriter.Success(200));
    }

    /// <summary>Server-side apply onto <paramref name="live"/>, or onto nothing for an apply that creates.</summary>
    private JsonObject ApplyPatch(HttpContext context, RequestTarget target, JsonObject? live, JsonNode patch, WriteOptions options)
    {
        var r = target.Resource;
        if (patch is not JsonObject applied)
        {
            throw ApiException.BadRequest("an apply patch must be one object");
        }
        BodyDecoder.Decode(context, applied, r, r.Group, r.Version, r.Kind, r.ModelType, options.FieldValidation);
        if (live is null)
        {
            if (ObjectMetadata.String(applied, "name") is { } bodyName && bodyName != target.Name)
            {
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({target.Name})");
            }
            ObjectMetadata.Metadata(applied)["name"] = target.Name;
        }
        var result = ServerSideApply.Apply(live, applied, options.FieldManager, options.Force, r.ModelType, clock.GetUtcNow(), r.GroupVersion);
        if (!result.Succeeded)
        {
            throw new ApiException(409, "Conflict", result.ConflictMessage());
        }
        return result.Object!;
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, bool patch)
    {
        var mediaType = RequestBody.MediaType(context.Request, patch);
        return RequestBody.ParseObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
    }

    private static async Task<DeleteRequest> DeleteRequestAsync(HttpContext context)
    {
        var query = context.Request.Query;
        JsonObject? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var bytes = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
            if (bytes.Length > 0)
            {
                body = RequestBody.ParseObject(bytes, RequestBody.MediaType(context.Request, patch: false));
            }
        }
        var policy = body?["propagationPolicy"]?.ToString() ?? NullIfEmpty(query["propagationPolicy"].ToString());
        if (policy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw ApiException.BadRequest($"propagationPolicy must be Orphan, Background or Foreground, got \"{policy}\"");
        }
        if (policy is null && body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o))
        {
            policy = o ? "Orphan" : "Background";
        }
        long? grace = body?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv) ? gv
            : long.TryParse(query["gracePeriodSeconds"].ToString(), CultureInfo.InvariantCulture, out var qg) ? qg : null;
        var preconditions = body?["preconditions"] as JsonObject;
        long? rv = preconditions?["resourceVersion"]?.ToString() is { } rvText && long.TryParse(rvText, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var dryRun = query["dryRun"].ToString() == "All" || body?["dryRun"] is JsonArray { Count: > 0 };
        return new DeleteRequest(policy, grace, preconditions?["uid"]?.ToString(), rv, dryRun);
    }

    private static WriteOptions Options(HttpRequest request, string? defaultManager)
    {
        var manager = NullIfEmpty(request.Query["fieldManager"].ToString());
        if (manager is null && defaultManager is null)
        {
            throw ApiException.BadRequest("fieldManager is required for apply requests (kubectl apply --server-side sends it)");
        }
        manager ??= UserAgentManager(request) ?? defaultManager!;
        if (manager.Length > 128)
        {
            throw ApiException.BadRequest("fieldManager must not be longer than 128 characters");
        }
        var dryRun = request.Query["dryRun"].ToString() switch
        {
            "" => false,
            "All" => true,
            var other => throw ApiException.BadRequest($"dryRun must be All, got \"{other}\""),
        };
        var force = request.Query["force"].ToString() is "true" or "1";
        return new WriteOptions(manager, BodyDecoder.FieldValidation(request), dryRun, force);
    }

    /// <summary>Kubernetes names an unnamed manager after the client program: the User-Agent up to its first slash.</summary>
    private static string? UserAgentManager(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/');
        return slash > 0 ? agent[..slash] : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
