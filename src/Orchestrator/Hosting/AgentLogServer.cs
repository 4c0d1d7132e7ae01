using System.Globalization;
using System.Net;
using Orchestrator.Agent.Logs;

namespace Orchestrator.Hosting;

/// <summary>
/// The agent's endpoint for <c>kubectl logs</c>, as the kubelet's <c>/containerLogs/{ns}/{pod}/{container}</c>: the API
/// server checks the request and forwards it here with the cluster's bearer token; errors are Kubernetes Status objects.
/// </summary>
/// <remarks>Plain HTTP on the node's address, guarded by the token; the kubelet serves TLS with client certificates.</remarks>
public sealed class AgentLogServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AgentLogServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The port the server listens on (the one asked for, or the one picked for 0).</summary>
    public int Port { get; private set; }

    public static async Task<AgentLogServer> StartAsync(
        IPAddress address, int port, string? token, IContainerLogSource source, LogRotation rotation, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, port));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                Console.Error.WriteLine($"orchestrator agent: serving {context.Request.Path} failed: {e}");
                await StatusAsync(context, 500, "InternalError", $"the node agent could not serve these logs: {e.Message}");
            }
        });
        app.MapGet("/containerLogs/{ns}/{pod}/{container}", (HttpContext context, string ns, string pod, string container) =>
            ServeAsync(context, ns, pod, container, token, source, rotation, time));
        var server = new AgentLogServer(app);
        await app.StartAsync(cancellationToken);
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ServeAsync(
        HttpContext context, string ns, string pod, string container, string? token, IContainerLogSource source, LogRotation rotation, TimeProvider time)
    {
        if (token is not null && context.Request.Headers.Authorization.ToString() != "Bearer " + token)
        {
            await StatusAsync(context, 401, "Unauthorized", "the agent serves logs to the API server only: a bearer token is required");
            return;
        }

        var q = context.Request.Query;
        var lookup = source.Find(ns, pod, q["uid"].ToString(), container, Flag(q, "previous"));
        if (lookup.LogPath is null)
        {
            await StatusAsync(context, 400, "BadRequest", lookup.Error ?? $"no log for container {container} in pod {pod}");
            return;
        }

        var query = new ContainerLogQuery
        {
            Follow = Flag(q, "follow"),
            Timestamps = Flag(q, "timestamps"),
            TailLines = q.ContainsKey("tailLines") ? int.Parse(q["tailLines"].ToString(), CultureInfo.InvariantCulture) : null,
            LimitBytes = q.ContainsKey("limitBytes") ? long.Parse(q["limitBytes"].ToString(), CultureInfo.InvariantCulture) : null,
            Since = q.ContainsKey("sinceSeconds")
                ? time.GetUtcNow().AddSeconds(-long.Parse(q["sinceSeconds"].ToString(), CultureInfo.InvariantCulture))
                : q.ContainsKey("sinceTime") ? DateTimeOffset.Parse(q["sinceTime"].ToString(), CultureInfo.InvariantCulture) : null,
        };
        context.Response.ContentType = "text/plain";
        await ContainerLogReader.WriteAsync(
            context.Response.Body, lookup.LogPath, rotation.MaxFiles, query, lookup.Finished, TimeSpan.FromMilliseconds(200), time, context.RequestAborted);
    }

    private static bool Flag(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var value) && (value.ToString().Length == 0 || bool.TryParse(value.ToString(), out var flag) && flag);

    private static Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        // KubernetesClient reads V1Status but cannot write it, so the Status is built as JSON here.
        var status = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        return context.Response.WriteAsync(status.ToJsonString());
    }
}
