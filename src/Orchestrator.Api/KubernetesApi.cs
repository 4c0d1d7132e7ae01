using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Api.Discovery;
using Orchestrator.Api.Handlers;
using Orchestrator.Api.Http;
using Orchestrator.Api.Routing;
using Orchestrator.Core.Resources;
using Orchestrator.OpenApi;

namespace Orchestrator.Api;

/// <summary>Maps the Kubernetes REST surface onto the handlers; every failure leaves as a <c>Status</c>.</summary>
public static partial class KubernetesApi
{
    public static IServiceCollection AddKubernetesApi(this IServiceCollection services, ApiServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(ResourceRegistry.BuiltIn);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DiscoveryDocuments(sp.GetRequiredService<ResourceRegistry>()));
        services.AddSingleton(sp => new OpenApiDocuments(sp.GetRequiredService<ResourceRegistry>()));
        services.AddSingleton(sp => sp.GetRequiredService<Storage.ObjectLog>().Cache);
        services.AddSingleton<Objects.ObjectStore>();
        services.AddSingleton<Objects.ObjectWriter>();
        services.AddSingleton<Objects.ServiceIpAllocator>();
        services.AddSingleton<ResponseWriter>();
        services.AddSingleton<Watch.WatchStreamer>();
        services.AddSingleton<ReadHandler>();
        services.AddSingleton<WriteHandler>();
        services.AddSingleton<PodLogProxy>();
        services.AddSingleton<SubresourceHandler>();
        return services;
    }

    public static WebApplication MapKubernetesApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ApiServerOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestrator.Api");
        app.Use((context, next) => GuardAsync(context, next, options, logger));

        foreach (var health in new[] { "/healthz", "/livez", "/readyz" })
        {
            app.MapGet(health, () => Results.Text("ok"));
        }
        app.MapGet("/version", (HttpContext c) => Json(c, DiscoveryDocuments.Version()));
        app.MapGet("/api", (HttpContext c, DiscoveryDocuments d) => DiscoveryDocuments.WantsAggregated(c.Request.Headers.Accept)
            ? Aggregated(c, d.Aggregated(core: true))
            : Json(c, d.LegacyCore(options.AdvertisedAddress)));
        app.MapGet("/apis", (HttpContext c, DiscoveryDocuments d) => DiscoveryDocuments.WantsAggregated(c.Request.Headers.Accept)
            ? Aggregated(c, d.Aggregated(core: false))
            : Json(c, d.LegacyGroups()));
        app.MapGet("/openapi/v3", (HttpContext c, OpenApiDocuments d) => Json(c, d.Index()));
        app.MapGet("/openapi/v3/{**path}", (HttpContext c, string path, OpenApiDocuments d) =>
        {
            var document = d.Document(path) ?? throw new ApiException(404, "NotFound", $"no OpenAPI document for {path}; GET /openapi/v3 lists them");
            c.Response.ContentType = "application/json";
            c.Response.Headers.ETag = $"\"{d.Hash(path)}\"";
            return c.Response.Body.WriteAsync(document).AsTask();
        });
        app.Map("/api/{**rest}", (HttpContext c, string? rest) => DispatchAsync(c, core: true, rest));
        app.Map("/apis/{**rest}", (HttpContext c, string? rest) => DispatchAsync(c, core: false, rest));
        app.MapFallback((HttpContext c) => throw new ApiException(404, "NotFound",
            $"the server could not find the requested resource ({c.Request.Method} {c.Request.Path})"));
        return app;
    }

    private static async Task DispatchAsync(HttpContext context, bool core, string? rest)
    {
        var services = context.RequestServices;
        var segments = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var registry = services.GetRequiredService<ResourceRegistry>();
        var target = RequestTarget.Parse(registry, core, segments, out var error);
        if (target is null)
        {
            if (error is not null)
            {
                throw new ApiException(404, "NotFound", error);
            }
            await DiscoveryAsync(context, core, segments);
            return;
        }
        var method = context.Request.Method;
        var verb = Verb(method, target, context.Request);
        context.Items["verb"] = verb;
        context.Items["resource"] = target.Resource.Plural;
        var allowed = target.Subresource is { } sub ? target.Resource.FindSubresource(sub)!.Verbs : target.Resource.Verbs;
        if (!allowed.Contains(verb))
        {
            throw ApiException.MethodNotAllowed($"{verb} is not supported on {target.Resource.Plural}{(target.Subresource is null ? "" : "/" + target.Subresource)}; supported: {string.Join(", ", allowed)}");
        }
        var read = services.GetRequiredService<ReadHandler>();
        var write = services.GetRequiredService<WriteHandler>();
        var subresources = services.GetRequiredService<SubresourceHandler>();
        var handled = (verb, target.Subresource) switch
        {
            ("list" or "watch", _) => read.ListAsync(context, target),
            ("get", "scale") => subresources.GetScaleAsync(context, target),
            ("get", "log") => subresources.LogAsync(context, target),
            ("get", _) => read.GetAsync(context, target),
            ("create", "binding") => subresources.BindAsync(context, target, target.Name!),
            ("create", "eviction") => subresources.EvictAsync(context, target),
            ("create", null) when target.Resource.Plural == "bindings" => BindingCollectionAsync(context, registry, target, subresources),
            ("create", _) => write.CreateAsync(context, target),
            ("update", "scale") => subresources.WriteScaleAsync(context, target, patch: false),
            ("patch", "scale") => subresources.WriteScaleAsync(context, target, patch: true),
            ("update", _) => write.UpdateAsync(context, target),
            ("patch", _) => write.PatchAsync(context, target),
            ("delete", _) => write.DeleteAsync(context, target),
            ("deletecollection", _) => write.DeleteCollectionAsync(context, target),
            _ => throw ApiException.MethodNotAllowed($"{method} is not supported here"),
        };
        await handled;
    }

    private static async Task BindingCollectionAsync(HttpContext context, ResourceRegistry registry, RequestTarget target, SubresourceHandler handler)
    {
        // POST /api/v1/namespaces/{ns}/bindings names the pod in the body; buffer it so the handler can read it again.
        context.Request.EnableBuffering();
        var body = RequestBody.ParseObject(await RequestBody.ReadAsync(context.Request, context.RequestAborted), RequestBody.Json);
        context.Request.Body.Position = 0;
        var pod = body["metadata"]?["name"]?.ToString() ?? throw ApiException.BadRequest("a Binding needs metadata.name: the pod to bind");
        await handler.BindAsync(context, target with { Resource = registry.Find("", "v1", "pods")! }, pod);
    }

    private static string Verb(string method, RequestTarget target, HttpRequest request) => method switch
    {
        "GET" when target.Name is null => request.Query["watch"].ToString() is "true" or "1" ? "watch" : "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when target.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };

    private static Task DiscoveryAsync(HttpContext context, bool core, string[] segments)
    {
        var documents = context.RequestServices.GetRequiredService<DiscoveryDocuments>();
        var (group, version) = core ? ("", segments.ElementAtOrDefault(0)) : (segments.ElementAtOrDefault(0) ?? "", segments.ElementAtOrDefault(1));
        if (version is null)
        {
            throw new ApiException(404, "NotFound", $"the server could not find the requested resource (group {group}: list /apis for what is served)");
        }
        var list = documents.ResourceList(group, version)
            ?? throw new ApiException(404, "NotFound", $"the server could not find the requested resource ({(core ? "" : group + "/")}{version} is not served)");
        return Json(context, list);
    }

    private static Task Json(HttpContext context, System.Text.Json.Nodes.JsonNode body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Aggregated(HttpContext context, System.Text.Json.Nodes.JsonNode body)
    {
        context.Response.ContentType = DiscoveryDocuments.AggregatedMediaType;
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task GuardAsync(HttpContext context, RequestDelegate next, ApiServerOptions options, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (options.BearerToken is { } token && !IsPublic(context.Request.Path) &&
                context.Request.Headers.Authorization.ToString() != "Bearer " + token)
            {
                throw new ApiException(401, "Unauthorized", "Unauthorized: send the bearer token from the kubeconfig that `orchestrator up` wrote");
            }
            await next(context);
        }
        catch (ApiException e)
        {
            await StatusWriter.WriteAsync(context, e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            await StatusWriter.WriteAsync(context, new ApiException(413, "RequestEntityTooLarge", $"the request is too large: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; there is no one to answer.
        }
        catch (Exception e)
        {
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            await StatusWriter.WriteAsync(context, new ApiException(500, "InternalError",
                $"an internal error occurred while handling {context.Request.Method} {context.Request.Path}: {e.Message}"));
        }
        finally
        {
            var verb = context.Items["verb"] as string ?? "other";
            ApiMetrics.Requests.WithLabels(verb, context.Items["resource"] as string ?? "", context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            if (verb != "watch")
            {
                ApiMetrics.RequestDuration.WithLabels(verb).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    private static bool IsPublic(PathString path) =>
        path == "/healthz" || path == "/livez" || path == "/readyz" || path == "/version";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
