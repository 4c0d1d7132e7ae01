using Polly;
using Polly.Retry;

namespace Orchestrator.Images;

/// <summary>
/// The one resilience pipeline of the images library, around each HTTP request to a registry or token service:
/// connection failures, timeouts, 429 and 5xx are tried again with exponential, jittered backoff. Digest mismatches and
/// 4xx answers are not transient and pass straight through.
/// </summary>
internal static class RegistryPipeline
{
    public const string Name = "images-registry";

    public static ResiliencePipeline<HttpResponseMessage> Create(RegistryClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = Name, TimeProvider = options.Time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder.Build();
    }

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        // HttpClient's own timeout surfaces as a cancellation whose token is not the caller's.
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        { Result: { } response } => (int)response.StatusCode is 429 or >= 500,
        _ => false,
    };
}
