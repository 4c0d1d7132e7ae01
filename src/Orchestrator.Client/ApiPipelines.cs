using System.Net;
using k8s.Autorest;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrator.Client;

/// <summary>
/// The resilience pipelines of every API client Orchestrator runs (node agents, simulated nodes), registered by name
/// in one place; every API call goes through one. Retries back off with decorrelated jitter, a circuit breaker
/// stops a struggling server from being hammered by thousands of nodes at once, and a per-attempt timeout bounds
/// a hung call.
/// </summary>
public sealed class ApiPipelines : IDisposable
{
    /// <summary>One object: create, read, replace, patch or delete.</summary>
    public const string Write = "api-write";

    /// <summary>A full list, which at thousands of pods takes seconds.</summary>
    public const string List = "api-list";

    /// <summary>Opening a watch: no timeout, since the stream that follows is meant to last.</summary>
    public const string Watch = "api-watch";

    private readonly ResiliencePipelineRegistry<string> _registry = new();
    private readonly Random _random;

    public ApiPipelines(TimeProvider time, int seed)
    {
        _random = new Random(seed);
        _registry.TryAddBuilder(Write, (builder, _) => Configure(builder, time, TimeSpan.FromSeconds(10)));
        _registry.TryAddBuilder(List, (builder, _) => Configure(builder, time, TimeSpan.FromSeconds(60)));
        _registry.TryAddBuilder(Watch, (builder, _) => Configure(builder, time, timeout: null));
    }

    public ResiliencePipeline this[string name] => _registry.GetPipeline(name);

    /// <summary>Worth trying again: the server was unreachable, slow, overloaded (429) or failing (5xx).</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        HttpOperationException http => http.Response is null || (int)http.Response.StatusCode is 429 or >= 500,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        _ => false,
    };

    public static bool IsStatus(Exception exception, HttpStatusCode code) =>
        exception is HttpOperationException { Response: { } response } && response.StatusCode == code;

    public void Dispose() => _registry.Dispose();

    private void Configure(ResiliencePipelineBuilder builder, TimeProvider time, TimeSpan? timeout)
    {
        builder.TimeProvider = time;
        builder.AddRetry(new RetryStrategyOptions
        {
            // An HttpClient timeout surfaces as a TaskCanceledException whose token is not ours.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                && (IsTransient(e) || e is BrokenCircuitException
                    || (e is OperationCanceledException && !args.Context.CancellationToken.IsCancellationRequested))),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(10),
            Randomizer = NextDouble,
        });
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(5),
        });
        if (timeout is { } limit)
        {
            builder.AddTimeout(limit);
        }
    }

    // Seeded, so a drill's backoff can be replayed; Random is not thread-safe, hence the lock.
    private double NextDouble()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }
}
