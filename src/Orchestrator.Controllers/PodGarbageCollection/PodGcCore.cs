namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>
/// kube's pod garbage collector as a replayable decision: each <see cref="Collect"/> takes the time, the pods and the
/// nodes, and says which pods to force-delete. Nobody else confirms these deletions: a graceful delete waits for a
/// kubelet, and a dead or deleted node's kubelet never answers. A node absent from the list is quarantined first, so
/// a node being re-registered does not lose its pods.
/// </summary>
public sealed class PodGcCore(PodGcOptions options)
{
    public const string OutOfServiceTaintKey = "node.kubernetes.io/out-of-service";

    private readonly Dictionary<string, DateTimeOffset> _missingSince = new(StringComparer.Ordinal);

    public IReadOnlyList<PodGcDeletion> Collect(DateTimeOffset now, IReadOnlyList<PodGcPod> pods, IReadOnlyDictionary<string, PodGcNode> nodes)
    {
        var deletions = new List<PodGcDeletion>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        void Add(PodGcPod pod, PodGcReason reason)
        {
            if (taken.Add(pod.Uid))
            {
                deletions.Add(new PodGcDeletion(pod, reason));
            }
        }

        if (options.TerminatedPodThreshold > 0)
        {
            var terminated = pods.Where(p => p.Terminated).ToList();
            foreach (var pod in terminated.OrderBy(p => !p.Evicted).ThenBy(p => p.Created).ThenBy(p => p.Name, StringComparer.Ordinal).Take(terminated.Count - options.TerminatedPodThreshold))
            {
                Add(pod, PodGcReason.Terminated);
            }
        }
        foreach (var pod in pods.Where(p => p.Terminating && !string.IsNullOrEmpty(p.Node)).OrderBy(p => p.Created).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            if (nodes.TryGetValue(pod.Node!, out var node) && !node.Ready && node.OutOfService)
            {
                Add(pod, PodGcReason.TerminatingOutOfService);
            }
        }
        foreach (var pod in Orphans(now, pods, nodes))
        {
            Add(pod, PodGcReason.Orphaned);
        }
        foreach (var pod in pods.Where(p => p.Terminating && string.IsNullOrEmpty(p.Node)))
        {
            Add(pod, PodGcReason.TerminatingUnscheduled);
        }
        return deletions;
    }

    /// <summary>Pods bound to a node missing from every look for at least the quarantine period.</summary>
    private IEnumerable<PodGcPod> Orphans(DateTimeOffset now, IReadOnlyList<PodGcPod> pods, IReadOnlyDictionary<string, PodGcNode> nodes)
    {
        var missing = pods.Select(p => p.Node).Where(n => !string.IsNullOrEmpty(n) && !nodes.ContainsKey(n)).Select(n => n!).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _missingSince.Keys.Where(n => !missing.Contains(n)).ToList())
        {
            _missingSince.Remove(name);
        }
        foreach (var name in missing)
        {
            _missingSince.TryAdd(name, now);
        }
        return pods.Where(p => !string.IsNullOrEmpty(p.Node) && _missingSince.TryGetValue(p.Node, out var since) && now - since >= options.Quarantine);
    }
}
