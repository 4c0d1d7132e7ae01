using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Queue;

/// <summary>kube's isPodUpdated: whether an update changed the pod at all, compared by content.</summary>
internal static class PodUpdates
{
    // PodInfo's immutable collections compare by reference, so the same pod translated afresh from an
    // unchanged object (a status write, a resync) would never Equal the queued one and would needlessly free
    // a parked pod. JSON is a content view every model type already has; object members compare unordered.
    public static bool Changed(PodInfo queued, PodInfo updated) =>
        !queued.Equals(updated) && !JsonNode.DeepEquals(JsonSerializer.SerializeToNode(queued), JsonSerializer.SerializeToNode(updated));
}
