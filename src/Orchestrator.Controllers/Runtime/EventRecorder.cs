using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

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

    // Writes in flight at once: each waits for a durable commit, and commits are grouped.
    private const int ConcurrentWrites = 16;

    private readonly InProcessClient _client;
    private readonly TimeProvider _clock;
    private readonly ILogger<EventRecorder> _logger;
    private readonly EventSpamFilter _spam = new();
    private readonly Channel<(Corev1Event Event, string Component)> _queue =
        Channel.CreateBounded<(Corev1Event, string)>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _writer;
    private long _sequence;

    public EventRecorder(InProcessClient client, TimeProvider clock, ILogger<EventRecorder> logger)
    {
        _client = client;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
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
        if (!_queue.Writer.TryWrite((recorded, component)))
        {
            ControllerMetrics.EventsDropped.WithLabels("queue-full").Inc();
            LogQueueFull(_logger, reason, metadata.Name, QueueLength);
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops taking events and writes what is queued (the silo is shutting down).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Task>(ConcurrentWrites);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < ConcurrentWrites && _queue.Reader.TryRead(out var item))
            {
                batch.Add(WriteOneAsync(item.Event, item.Component));
            }
            await Task.WhenAll(batch);
            batch.Clear();
        }
    }

    private async Task WriteOneAsync(Corev1Event recorded, string component)
    {
        try
        {
            await _client.CreateAsync(_client.Resource("", "events"), recorded, component);
        }
        catch (Exception e)
        {
            ControllerMetrics.EventsDropped.WithLabels("failed").Inc();
            LogEventFailed(_logger, recorded.Reason, recorded.InvolvedObject.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record event {Reason} for {Name}")]
    private static partial void LogEventFailed(ILogger logger, string reason, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped event {Reason} for {Name}: {QueueLength} events are already waiting to be written")]
    private static partial void LogQueueFull(ILogger logger, string reason, string name, int queueLength);
}
