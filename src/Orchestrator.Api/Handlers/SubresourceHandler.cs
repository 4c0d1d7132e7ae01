using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Api.Routing;
using Orchestrator.Core.Selectors;
using Orchestrator.Grains;

namespace Orchestrator.Api.Handlers;

/// <summary>
/// The subresources that answer in a kind of their own: <c>scale</c> (autoscaling/v1 Scale), <c>binding</c>
/// (core/v1 Binding), <c>eviction</c> (policy/v1 Eviction) and <c>log</c>.
/// </summary>
public sealed class SubresourceHandler(ObjectWriter objects, ResponseWriter writer, IGrainFactory grains, PodLogProxy logs, TimeProvider clock)
{
    public Task GetScaleAsync(HttpContext context, RequestTarget target)
    {
        var current = Current(target);
        return writer.WriteJsonAsync(context, 200, ToScale(ObjectWriter.Parse(current)));
    }

    /// <summary>PUT or PATCH of <c>/scale</c>: the change is made to the Scale, then carried to spec.replicas.</summary>
    public async Task WriteScaleAsync(HttpContext context, RequestTarget target, bool patch)
    {
        var r = target.Resource;
        var mediaType = RequestBody.MediaType(context.Request, patch);
        var body = RequestBody.ParseNode(await RequestBody.ReadAsync(context.Request, context.RequestAborted), mediaType);
        var current = Current(target);
        var obj = ObjectWriter.Parse(current);
        var scale = ToScale(obj);
        var next = patch ? PatchDispatch.Apply(typeof(k8s.Models.V1Scale), mediaType, scale, body) : body;
        if (next?["spec"]?["replicas"] is not JsonValue value || !value.TryGetValue<int>(out var replicas))
        {
            throw ApiException.BadRequest("a Scale needs spec.replicas as an integer");
        }
        var expected = next is JsonObject nextObject ? ObjectMetadata.Revision(nextObject) : 0;
        if (expected != 0 && expected != current.Revision)
        {
            throw ApiException.Conflict(r.Group, r.Plural, target.Name!, "the object has been modified; please apply your changes to the latest version and try again");
        }
        ((JsonObject)obj["spec"]!)["replicas"] = replicas;
        var options = new WriteOptions(context.Request.Query["fieldManager"].ToString() is { Length: > 0 } m ? m : "kubectl-scale", "Strict",
            context.Request.Query["dryRun"].ToString() == "All");
        var updated = await objects.UpdateAsync(r, target.Namespace, target.Name!, current, obj, null, options, current.Revision);
        await writer.WriteJsonAsync(context, 200, ToScale(JsonNode.Parse(updated)!.AsObject()));
    }

    /// <summary>POST pods/{name}/binding: assigns an unbound pod to a node, as the scheduler does.</summary>
    public async Task BindAsync(HttpContext context, RequestTarget target, string podName)
    {
        var body = RequestBody.ParseObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), RequestBody.MediaType(context.Request, patch: false));
        var node = body["target"]?["name"]?.ToString();
        if (string.IsNullOrEmpty(node))
        {
            throw ApiException.BadRequest("a Binding needs target.name: the node to bind the pod to");
        }
        if (target.Resource.Plural != "pods")
        {
            throw ApiException.BadRequest("bindings are made to pods");
        }
        var uid = body["metadata"]?["uid"]?.ToString() ?? "";
        // The node's grain is the authority on its capacity: a binding that would overcommit the node is refused.
        var outcome = await grains.GetGrain<INodeGrain>(node).BindAsync(new BindRequest(target.Namespace!, podName, uid, "binding"));
        switch (outcome.Status)
        {
            case BindStatus.Bound:
                await writer.WriteJsonAsync(context, 201, StatusWriter.Success(201));
                return;
            case BindStatus.PodNotFound:
                throw ApiException.NotFound("", "pods", podName);
            default:
                throw ApiException.Conflict("", "pods", podName, outcome.Message!);
        }
    }

    /// <summary>
    /// POST pods/{name}/eviction: a graceful delete that a PodDisruptionBudget can refuse (429), spending one of its disruptions.
    /// </summary>
    public async Task EvictAsync(HttpContext context, RequestTarget target)
    {
        var body = RequestBody.ParseObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), RequestBody.MediaType(context.Request, patch: false));
        var current = Current(target);
        var pod = ObjectWriter.Parse(current);
        var dryRun = context.Request.Query["dryRun"].ToString() == "All" || body["deleteOptions"]?["dryRun"] is JsonArray { Count: > 0 };
        if (EvictionBudgets.Guards(pod))
        {
            await EvictionBudgets.CheckAndDecrementAsync(objects, target.Namespace!, pod, clock.GetUtcNow(), dryRun);
        }
        if (dryRun)
        {
            await writer.WriteJsonAsync(context, 201, StatusWriter.Success(201));
            return;
        }
        var grace = body["deleteOptions"]?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gv) ? gv : (long?)null;
        await objects.DeleteAsync(target.Resource, target.Namespace, target.Name!, current, new DeleteRequest(null, grace, null, null, false));
        await writer.WriteJsonAsync(context, 201, StatusWriter.Success(201));
    }

    public Task LogAsync(HttpContext context, RequestTarget target)
    {
        var pod = ObjectWriter.Parse(Current(target));
        var node = pod["spec"]?["nodeName"]?.ToString();
        if (string.IsNullOrEmpty(node))
        {
            throw ApiException.BadRequest($"pod {target.Name} is not running on a node yet (it has no spec.nodeName), so it has no logs");
        }
        var stored = objects.Store.Get(Core.Resources.ResourceRegistry.BuiltIn.Find("", "v1", "nodes")!, null, node);
        return logs.ServeAsync(context, pod, stored is null ? null : ObjectWriter.Parse(stored));
    }

    private Storage.StoredObject Current(RequestTarget target) =>
        objects.Store.Get(target.Resource, target.Namespace, target.Name!)
        ?? throw ApiException.NotFound(target.Resource.Group, target.Resource.Plural, target.Name!);

    private static JsonObject ToScale(JsonObject obj)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        var selector = obj["spec"]?["selector"] as JsonObject;
        var scale = new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = selector is null ? "" : LabelSelector.FromLabelSelectorJson(selector).ToString(),
            },
        };
        return scale;
    }
}
