using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Api.Http;

/// <summary>
/// Writes Kubernetes <c>Status</c> bodies. Built as JSON by hand: KubernetesClient's V1Status converter reads
/// but cannot write.
/// </summary>
public static class StatusWriter
{
    public static JsonObject Failure(ApiException error)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = error.Message,
            ["reason"] = error.Reason,
        };
        if (error.Details is { } details)
        {
            status["details"] = Details(details);
        }
        status["code"] = error.Code;
        return status;
    }

    /// <summary>A success Status, as Kubernetes answers deletions and subresource creations.</summary>
    public static JsonObject Success(int code, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static async Task WriteAsync(HttpContext context, ApiException error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        context.Response.StatusCode = error.Code;
        if (error.Headers is not null)
        {
            foreach (var (name, value) in error.Headers)
            {
                context.Response.Headers[name] = value;
            }
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Failure(error).ToJsonString());
    }

    private static JsonObject Details(V1StatusDetails details)
    {
        var result = new JsonObject();
        Set(result, "name", details.Name);
        Set(result, "group", details.Group);
        Set(result, "kind", details.Kind);
        Set(result, "uid", details.Uid);
        if (details.Causes is { Count: > 0 } causes)
        {
            result["causes"] = new JsonArray([.. causes.Select(c =>
            {
                var cause = new JsonObject();
                Set(cause, "reason", c.Reason);
                Set(cause, "message", c.Message);
                Set(cause, "field", c.Field);
                return (JsonNode)cause;
            })]);
        }
        if (details.RetryAfterSeconds is { } retry)
        {
            result["retryAfterSeconds"] = retry;
        }
        return result;
    }

    private static void Set(JsonObject obj, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[name] = value;
        }
    }
}
