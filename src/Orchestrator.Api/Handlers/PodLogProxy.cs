using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrator.Api.Handlers;

/// <summary>
/// <c>GET pods/{name}/log</c>, as the Kubernetes API server serves it: the query is checked here (which container,
/// tailLines, sinceSeconds...), then the request goes to the agent of the pod's node
/// (<c>status.daemonEndpoints.kubeletEndpoint.Port</c> on its InternalIP) and its answer streams back, follow included.
/// </summary>
public sealed class PodLogProxy : IDisposable
{
    private static readonly string[] Forwarded = ["follow", "previous", "tailLines", "sinceSeconds", "sinceTime", "timestamps", "limitBytes"];

    private readonly HttpClient _client = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        // Following a log lasts as long as the user wants; the pipeline bounds the wait for the headers instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ApiServerOptions _options;

    // The agent's answer must start within 10 s; a refused connection (an agent restarting) is tried twice more.
    private readonly ResiliencePipeline _headers = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();

    public PodLogProxy(ApiServerOptions options)
    {
        _options = options;
    }

    public void Dispose() => _client.Dispose();

    public async Task ServeAsync(HttpContext context, JsonObject pod, JsonObject? node)
    {
        var query = context.Request.Query;
        var name = pod["metadata"]?["name"]?.ToString() ?? "";
        var container = Container(pod, query["container"].ToString());
        Validate(query);
        var nodeName = pod["spec"]?["nodeName"]?.ToString() ?? "";
        var port = node?["status"]?["daemonEndpoints"]?["kubeletEndpoint"]?["Port"] is JsonValue p && p.TryGetValue<int>(out var n) ? n : 0;
        if (node is null || port <= 0)
        {
            throw new ApiException(503, "ServiceUnavailable",
                $"pod {name} runs on node {nodeName}, which has no node agent serving logs (no status.daemonEndpoints.kubeletEndpoint.Port); is `orchestrator agent` running there?");
        }

        var address = Address(node);
        var url = new UriBuilder("http", address, port, $"/containerLogs/{pod["metadata"]?["namespace"]}/{name}/{container}")
        {
            Query = string.Join('&', Forwarded
                .Where(k => query.ContainsKey(k))
                .Select(k => $"{k}={Uri.EscapeDataString(query[k].ToString())}")
                .Append($"uid={Uri.EscapeDataString(pod["metadata"]?["uid"]?.ToString() ?? "")}")),
        }.Uri;

        HttpResponseMessage response;
        try
        {
            response = await _headers.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Authorization = _options.BearerToken is { } bearer ? new AuthenticationHeaderValue("Bearer", bearer) : null;
                    return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                },
                context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new ApiException(503, "ServiceUnavailable",
                $"could not reach the node agent of {nodeName} at {address}:{port.ToString(CultureInfo.InvariantCulture)} for the logs of pod {name}: {e.Message}");
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    /// <summary>The container the log is for: the one named, or the pod's only container; kube-apiserver's messages otherwise.</summary>
    internal static string Container(JsonObject pod, string requested)
    {
        var name = pod["metadata"]?["name"]?.ToString() ?? "";
        var containers = Names(pod, "containers");
        var init = Names(pod, "initContainers");
        if (requested.Length == 0)
        {
            if (containers.Count == 1)
            {
                return containers[0];
            }

            var choices = $"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]";
            throw ApiException.BadRequest(init.Count == 0 ? choices : $"{choices} or one of the init containers: [{string.Join(' ', init)}]");
        }

        return containers.Contains(requested) || init.Contains(requested)
            ? requested
            : throw ApiException.BadRequest($"container {requested} is not valid for pod {name}");
    }

    internal static void Validate(IQueryCollection query)
    {
        Positive(query, "tailLines", allowZero: true);
        Positive(query, "sinceSeconds", allowZero: false);
        Positive(query, "limitBytes", allowZero: false);
        if (query.ContainsKey("sinceSeconds") && query.ContainsKey("sinceTime"))
        {
            throw ApiException.BadRequest("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }

        if (query.ContainsKey("sinceTime")
            && !DateTimeOffset.TryParse(query["sinceTime"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            throw ApiException.BadRequest($"sinceTime {query["sinceTime"]} is not an RFC 3339 time, such as 2026-11-25T05:00:00Z");
        }
    }

    private static void Positive(IQueryCollection query, string key, bool allowZero)
    {
        if (!query.TryGetValue(key, out var raw))
        {
            return;
        }

        if (!long.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < (allowZero ? 0 : 1))
        {
            throw ApiException.BadRequest($"{key}: Invalid value: \"{raw}\": must be {(allowZero ? "greater than or equal to 0" : "greater than 0")}");
        }
    }

    private static List<string> Names(JsonObject pod, string field) =>
        (pod["spec"]?[field] as JsonArray)?.Select(c => c?["name"]?.ToString() ?? "").Where(n => n.Length > 0).ToList() ?? [];

    private static string Address(JsonObject node)
    {
        var addresses = node["status"]?["addresses"] as JsonArray ?? [];
        foreach (var type in new[] { "InternalIP", "ExternalIP", "Hostname" })
        {
            if (addresses.FirstOrDefault(a => a?["type"]?.ToString() == type)?["address"]?.ToString() is { Length: > 0 } address)
            {
                return address;
            }
        }

        return "127.0.0.1";
    }
}
