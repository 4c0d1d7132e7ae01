using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;
using Orchestrator.Tables;

namespace Orchestrator.Api.Http;

/// <summary>
/// Writes objects and lists in the negotiated form. Plain JSON lists are written by concatenating the stored
/// bytes, so a list of 150,000 pods never parses one of them.
/// </summary>
public sealed class ResponseWriter(TimeProvider clock)
{
    private const int FlushBytes = 64 * 1024;

    private static readonly byte[] Comma = ","u8.ToArray();

    public Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString())).AsTask();
    }

    public async Task WriteObjectAsync(HttpContext context, ResourceDescriptor resource, byte[] json, int status)
    {
        var format = Negotiation.Choose(context.Request);
        context.Response.StatusCode = status;
        switch (format)
        {
            case ResponseFormat.Table:
                context.Response.ContentType = Negotiation.TableMediaType;
                var table = TableConverter.ToTable(resource, [JsonNode.Parse(json)!.AsObject()], clock.GetUtcNow(), TableOptionsFor(context.Request));
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(table.ToJsonString()));
                break;
            case ResponseFormat.PartialObjectMetadata:
                context.Response.ContentType = "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(PartialMetadata(JsonNode.Parse(json)!.AsObject()).ToJsonString()));
                break;
            default:
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(json);
                break;
        }
    }

    public async Task WriteListAsync(HttpContext context, ResourceDescriptor resource, ListResult list, string? continueToken)
    {
        var format = Negotiation.Choose(context.Request);
        context.Response.StatusCode = 200;
        var rv = list.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (format == ResponseFormat.Table)
        {
            context.Response.ContentType = Negotiation.TableMediaType;
            var objects = list.Items.Select(i => JsonNode.Parse(i.Json)!.AsObject()).ToList();
            var options = TableOptionsFor(context.Request) with { ResourceVersion = rv, Continue = continueToken };
            var table = TableConverter.ToTable(resource, objects, clock.GetUtcNow(), options);
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(table.ToJsonString()));
            return;
        }
        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        var partial = format == ResponseFormat.PartialObjectMetadata;
        var head = new JsonObject
        {
            ["kind"] = partial ? "PartialObjectMetadataList" : resource.ListKind,
            ["apiVersion"] = partial ? "meta.k8s.io/v1" : resource.GroupVersion,
            ["metadata"] = metadata,
        }.ToJsonString();
        context.Response.ContentType = partial ? "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io" : "application/json";
        // Straight into Kestrel's pipe, flushed every 64 KiB: awaiting a write per item costs a flush (and a TLS
        // record) per item, which made a list of 150,000 pods take seconds.
        var pipe = context.Response.BodyWriter;
        pipe.Write(Encoding.UTF8.GetBytes(head[..^1] + ",\"items\":["));
        var pending = 0L;
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0)
            {
                pipe.Write(Comma);
            }
            var json = list.Items[i].Json;
            var item = partial ? Encoding.UTF8.GetBytes(PartialMetadata(JsonNode.Parse(json)!.AsObject()).ToJsonString()) : json;
            pipe.Write(item);
            pending += item.Length;
            if (pending >= FlushBytes)
            {
                pending = 0;
                await pipe.FlushAsync(context.RequestAborted);
            }
        }
        pipe.Write("]}"u8);
        await pipe.FlushAsync(context.RequestAborted);
    }

    public static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    public static TableOptions TableOptionsFor(HttpRequest request) => new(
        request.Query["includeObject"].ToString() switch
        {
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => IncludeObject.Metadata,
        });
}
