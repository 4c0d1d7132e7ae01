using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

/// <summary>Pod status, events and the final delete through the API, each call through the Write pipeline; events go through <see cref="EventQueue"/>.</summary>
/// <remarks>
/// The status goes as a JSON merge patch of the whole status: lists (conditions, containerStatuses) are replaced whole,
/// and unlike a replace it cannot conflict with the scheduler's or a controller's writes to the pod.
/// </remarks>
internal sealed class ApiPodStatusWriter(AgentContext context, EventQueue events) : IPodStatusWriter
{
    private long _events;

    public async Task WriteStatusAsync(V1Pod pod, V1PodStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(new V1Pod { Status = status }, V1Patch.PatchType.MergePatch), pod.Metadata.Name, Namespace(pod), cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            // Deleted meanwhile: the watch will say so.
        }
    }

    /// <summary>Stamps the event now and queues it: it is sent in the background, so the pod's start does not wait for it.</summary>
    public Task RecordEventAsync(V1Pod pod, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = context.Now();
        var node = context.Options.NodeName;
        var reported = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                // The kubelet's naming, the object's name and the time in hex, plus a count for two events in one tick.
                Name = $"{pod.Metadata.Name}.{context.Time.GetUtcNow().UtcTicks:x}{Interlocked.Increment(ref _events):x}",
                NamespaceProperty = Namespace(pod),
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Name = pod.Metadata.Name,
                NamespaceProperty = Namespace(pod),
                Uid = pod.Metadata.Uid,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = "kubelet", Host = node },
            ReportingComponent = "kubelet",
            ReportingInstance = node,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        events.Enqueue(reported);
        return Task.CompletedTask;
    }

    public async Task DeletePodAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } };
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.DeleteNamespacedPodAsync(
                pod.Metadata.Name, Namespace(pod), options, gracePeriodSeconds: 0, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound) || ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Already gone, or a new pod of the same name (the uid precondition failed): nothing of ours to delete.
        }
    }

    private static string Namespace(V1Pod pod) => pod.Metadata.NamespaceProperty ?? "default";
}
