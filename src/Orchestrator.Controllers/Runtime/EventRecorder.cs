using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// Records core/v1 Events about an object (what <c>kubectl describe</c> shows under Events). Best effort, as
/// client-go's recorder is: a failed event is logged, never fails the sync that caused it.
/// </summary>
public sealed partial class EventRecorder(InProcessClient client, TimeProvider clock, ILogger<EventRecorder> logger)
{
    private long _sequence;

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> about, string component, string type, string reason, string message)
    {
        var now = clock.GetUtcNow();
        var metadata = about.Metadata;
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
        try
        {
            await client.CreateAsync(client.Resource("", "events"), recorded, component);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEventFailed(logger, reason, metadata.Name, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not record event {Reason} for {Name}")]
    private static partial void LogEventFailed(ILogger logger, string reason, string name, Exception exception);
}
