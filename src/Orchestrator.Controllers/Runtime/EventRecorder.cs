using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Events;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// Records core/v1 Events about an object (what <c>kubectl describe</c> shows under Events) the way client-go's
/// broadcaster does: the caller only queues the event, a background loop writes it, and the source-and-object spam
/// filter (<see cref="EventSpamFilter"/>) drops a flood. Best effort: a failed, filtered or overflowing event is
/// counted and logged, never fails or slows the sync that caused it.
/// </summary>
public sealed partial class EventRecorder : IAsyncDisposable
{
    /// <summary>Events queued and not yet written; past it new ones are dropped (client-go's broadcaster queue is 1,000).</summary>
    public const int QueueLength = 1000;

    // Written at most this many a second after a burst as large (the scheduler's defaults): the spam filter has
    // already thinned them per object, this bounds them all together.
    private const int WritesPerSecond = 200;

    private readonly InProcessClient _client;
    private readonly TimeProvider _clock;
    private readonly ILogger<EventRecorder> _logger;
    private readonly EventSpamFilter _spam = new();
    private readonly EventWriteQueue _queue;
    private long _sequence;

    public EventRecorder(InProcessClient client, TimeProvider clock, ILogger<EventRecorder> logger)
    {
        _client = client;
        _clock = clock;
        _logger = logger;
        _queue = new EventWriteQueue(clock, QueueLength, WritesPerSecond, WritesPerSecond,
            (name, e) =>
            {
                ControllerMetrics.EventsDropped.WithLabels("failed").Inc();
                LogEventFailed(logger, name, e);
            },
            () => ControllerMetrics.EventsDropped.WithLabels("queue-full").Inc());
    }

    /// <summary>Queues the event; returns at once. The Task is kept so callers read as before and could await a sink later.</summary>
    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> about, string component, string type, string reason, string message)
    {
        var now = _clock.GetUtcNow();
        var metadata = about.Metadata;
        if (!_spam.TryAccept(EventSpamFilter.KeyOf(component, about.Kind, metadata.NamespaceProperty, metadata.Name, metadata.Uid, about.ApiVersion), now))
        {
            ControllerMetrics.EventsDropped.WithLabels("spam").Inc();
            return Task.CompletedTask;
        }
        var suffix = (now.ToUnixTimeMilliseconds() * 1_000_000 + Interlocked.Increment(ref _sequence) % 1_000_000).ToString("x", CultureInfo.InvariantCulture);
        var recorded = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{metadata.Name}.{suffix}", NamespaceProperty = metadata.NamespaceProperty ?? "default" },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = about.ApiVersion,
                Kind = about.Kind,
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
                ResourceVersion = metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            ReportingInstance = component,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = 1,
        };
        if (!_queue.TryEnqueue(metadata.Name, () => _client.CreateAsync(_client.Resource("", "events"), recorded, component)))
        {
            LogQueueFull(_logger, reason, metadata.Name, QueueLength);
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops the writer (the silo is shutting down); events still queued are dropped, best effort as ever.</summary>
    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record an event for {Name}")]
    private static partial void LogEventFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped event {Reason} for {Name}: {QueueLength} events are already waiting to be written")]
    private static partial void LogQueueFull(ILogger logger, string reason, string name, int queueLength);
}
