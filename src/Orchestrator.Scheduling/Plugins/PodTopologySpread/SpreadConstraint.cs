using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>A constraint ready to count with: either the pod's own label selector, or "same owner" for the defaults.</summary>
internal sealed record SpreadConstraint(string TopologyKey, int MaxSkew, LabelSelector? Selector, string? OwnerUid)
{
    // Hashed once per cycle rather than on each of the hundreds of nodes CountOn is asked about; set again with the
    // uid, so a copy made with another uid cannot keep a stale hash.
    private readonly int _ownerHash = OwnerUid is null ? 0 : OwnerCounts.Hash(OwnerUid);

    public string? OwnerUid
    {
        get;
        init
        {
            field = value;
            _ownerHash = value is null ? 0 : OwnerCounts.Hash(value);
        }
    } = OwnerUid;

    public static SpreadConstraint Explicit(TopologySpreadConstraint c) => new(c.TopologyKey, c.MaxSkew, c.LabelSelector, null);

    public static SpreadConstraint ForOwner(TopologySpreadConstraint c, string ownerUid) => new(c.TopologyKey, c.MaxSkew, null, ownerUid);

    public bool Selects(PodInfo incoming, PodInfo candidate) =>
        candidate.Namespace == incoming.Namespace
        && (OwnerUid is not null ? candidate.Owner?.Uid == OwnerUid : Selector!.Matches(candidate.Labels));

    public int CountOn(PodInfo incoming, NodeInfo node)
    {
        if (OwnerUid is not null)
        {
            return node.PodsOwnedBy(OwnerUid, _ownerHash);
        }

        var count = 0;
        foreach (var pod in node.Pods)
        {
            if (Selects(incoming, pod))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The node's domain for this key; a node without a hostname label is its own domain, as every kubelet-registered node is.</summary>
    public static bool TryDomain(NodeInfo node, string key, out string value)
    {
        if (node.TryGetLabel(key, out value))
        {
            return true;
        }

        value = node.Name;
        return key == WellKnownLabels.Hostname;
    }
}
