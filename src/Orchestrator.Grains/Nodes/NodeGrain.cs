using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orleans.Concurrency;
using Orchestrator.Grains.Objects;
using Orchestrator.Grains.Scheduling;
using Orchestrator.Scheduling.Model;
using Orchestrator.Storage;

namespace Orchestrator.Grains.Nodes;

/// <summary>
/// The authority on one node's capacity. Reentrant on purpose, like the resource shards: a turn reads what the
/// node holds (committed pods plus bindings in flight), checks the fit and reserves the room, all synchronously,
/// so the check and the reservation are atomic per node; the durable write of the pod happens outside the turn
/// and a dense scheduler's run of bindings onto one node shares group commits instead of queueing behind each.
/// </summary>
[Reentrant]
public sealed class NodeGrain(ObjectLog log, IGrainFactory grains, TimeProvider clock) : Grain, INodeGrain
{
    private const int Attempts = 8;

    // Bindings accepted but not yet visible in the cache, by pod uid.
    private readonly Dictionary<string, PodInfo> _inFlight = new(StringComparer.Ordinal);

    // Parsed requests of the pods seen on this node, by uid: a pod's requests never change once it is bound.
    private readonly Dictionary<string, PodInfo> _known = new(StringComparer.Ordinal);
    private (long Revision, long Fingerprint, NodeInfo Node)? _node;

    private string Name => this.GetPrimaryKeyString();

    public async Task<BindOutcome> BindAsync(BindRequest request) => (await BindManyAsync(new([request])))[0];

    public async Task<BindOutcome[]> BindManyAsync(Immutable<BindRequest[]> requests)
    {
        var batch = requests.Value;
        var outcomes = new BindOutcome?[batch.Length];
        var open = Enumerable.Range(0, batch.Length).ToList();
        for (var attempt = 0; attempt < Attempts && open.Count > 0; attempt++)
        {
            var admitted = new List<Admission>(open.Count);
            try
            {
                Admit(batch, open, outcomes, admitted);
                // One call per namespace's shard: the writes share a turn there and the log's group commits.
                var writes = admitted.GroupBy(a => batch[a.Index].Namespace).Select(async group =>
                {
                    var shard = grains.GetGrain<IResourceShardGrain>(ShardKey.Of("/pods", group.Key));
                    var list = group.ToList();
                    var results = await shard.UpdateManyAsync(new([.. list.Select(a => a.Update)]));
                    return list.Zip(results);
                });
                open = [];
                foreach (var (admission, outcome) in (await Task.WhenAll(writes)).SelectMany(w => w))
                {
                    var request = batch[admission.Index];
                    switch (outcome.Status)
                    {
                        case WriteStatus.Ok:
                            _known[admission.Pod.Uid] = admission.Pod;
                            outcomes[admission.Index] = new BindOutcome(BindStatus.Bound, outcome.Revision, null);
                            break;
                        case WriteStatus.NotFound:
                            outcomes[admission.Index] = BindOutcome.Refused(BindStatus.PodNotFound, $"pods \"{request.PodName}\" not found");
                            break;
                        default:
                            // The pod changed between read and write (a status or label update); look again.
                            open.Add(admission.Index);
                            break;
                    }
                }
            }
            finally
            {
                // On success the cache already holds the bound pods (the log applies a batch before acknowledging it).
                foreach (var admission in admitted)
                {
                    _inFlight.Remove(admission.Pod.Uid);
                }
            }
        }
        foreach (var index in open)
        {
            outcomes[index] = BindOutcome.Refused(BindStatus.Conflict, $"pod {batch[index].PodName} kept changing while it was being bound; try again");
        }
        return [.. outcomes.Select(o => o!)];
    }

    /// <summary>
    /// Checks the open requests in order against the node and reserves room for each that fits, all in one synchronous
    /// step so that no other turn can take the same room; a pod that does not fit is refused, the rest go on.
    /// </summary>
    private void Admit(BindRequest[] batch, List<int> open, BindOutcome?[] outcomes, List<Admission> admitted)
    {
        var node = CurrentNode();
        var room = new NodeRoom(node is null || node.Allocatable == Resources.None ? null : WithPods(node));
        var now = clock.GetUtcNow();
        foreach (var index in open)
        {
            var request = batch[index];
            var stored = log.Cache.Get(new ObjectKey("/pods", request.Namespace, request.PodName));
            if (stored is null || (request.PodUid.Length > 0 && stored.Summary.Uid != request.PodUid))
            {
                outcomes[index] = BindOutcome.Refused(BindStatus.PodNotFound, $"pods \"{request.PodName}\" not found");
                continue;
            }
            var pod = JsonNode.Parse(stored.Json)!.AsObject();
            var refusal = PodBinding.Refusal(pod)
                ?? (_inFlight.ContainsKey(stored.Summary.Uid) ? $"pod {request.PodName} is already being bound to node \"{Name}\"" : null);
            if (refusal is not null)
            {
                outcomes[index] = BindOutcome.Refused(BindStatus.Conflict, refusal);
                continue;
            }
            var info = request.Requests is { } requests && request.Revision != 0 && request.Revision == stored.Revision
                ? new PodInfo { Name = request.PodName, Uid = stored.Summary.Uid, Requests = From(requests) }
                : Minimal(stored.Summary.Uid, request.PodName, stored.Json);
            var fit = room.Take(info);
            if (!fit.IsSuccess)
            {
                outcomes[index] = BindOutcome.Refused(BindStatus.Insufficient,
                    $"node \"{Name}\" has no room for pod {request.Namespace}/{request.PodName}: {string.Join(", ", fit.Reasons)}");
                continue;
            }
            _inFlight[info.Uid] = info;
            PodBinding.Apply(pod, Name, now);
            admitted.Add(new Admission(index, info,
                new ShardUpdate(request.PodName, ObjectPreparation.Prepare("/pods", pod), new WritePrecondition(stored.Revision, info.Uid))));
        }
    }

    private sealed record Admission(int Index, PodInfo Pod, ShardUpdate Update);

    private NodeInfo? CurrentNode()
    {
        var stored = log.Cache.Get(new ObjectKey("/nodes", "", Name));
        if (stored is null)
        {
            return null;
        }
        if (_node is not { } cached || cached.Revision != stored.Revision)
        {
            // Most node writes are status (conditions, heartbeats): translate again only when what a fit reads changed.
            var fingerprint = ObjectFingerprint.OfNode(stored.Json);
            _node = cached = _node is { } previous && previous.Fingerprint == fingerprint
                ? previous with { Revision = stored.Revision }
                : (stored.Revision, fingerprint, NodeTranslation.ToNodeInfo(KubernetesJson.Deserialize<V1Node>(new MemoryStream(stored.Json))));
        }
        return cached.Node;
    }

    /// <summary>The node holding its committed, non-terminal pods and the bindings in flight.</summary>
    private NodeInfo WithPods(NodeInfo node)
    {
        var bound = log.Cache.ListByField("/pods", "spec.nodeName", Name);
        var pods = ImmutableArray.CreateBuilder<PodInfo>(bound.Count + _inFlight.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in bound)
        {
            if (stored.Summary.Field("status.phase") is "Succeeded" or "Failed")
            {
                continue;
            }
            var uid = stored.Summary.Uid;
            seen.Add(uid);
            if (!_known.TryGetValue(uid, out var info))
            {
                _known[uid] = info = Minimal(uid, stored.Key.Name, stored.Json);
            }
            pods.Add(info);
        }
        foreach (var (uid, info) in _inFlight)
        {
            if (!seen.Contains(uid))
            {
                pods.Add(info);
            }
        }
        if (_known.Count > 2 * (seen.Count + 16))
        {
            // Forget pods that left the node, so a long-lived node grain does not grow with churn.
            foreach (var uid in _known.Keys.Where(u => !seen.Contains(u)).ToList())
            {
                _known.Remove(uid);
            }
        }
        return node with { Pods = pods.ToImmutable() };
    }

    private static Resources From(PodRequests requests) => new()
    {
        MilliCpu = requests.MilliCpu,
        Memory = requests.Memory,
        EphemeralStorage = requests.EphemeralStorage,
        Extended = requests.Extended?.ToImmutableDictionary(StringComparer.Ordinal),
    };

    private static PodInfo Minimal(string uid, string name, byte[] json) => new()
    {
        Name = name,
        Uid = uid,
        Requests = PodTranslation.Requests(KubernetesJson.Deserialize<V1Pod>(new MemoryStream(json)).Spec),
    };
}
