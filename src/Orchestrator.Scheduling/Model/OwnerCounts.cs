namespace Orchestrator.Scheduling.Model;

/// <summary>Pods per owner uid on one node: a handful of owners at most, so a flat array beats a hash table.</summary>
internal sealed class OwnerCounts
{
    private static readonly OwnerCounts None = new([], []);

    private readonly string[] _uids;
    private readonly int[] _counts;

    private OwnerCounts(string[] uids, int[] counts)
    {
        _uids = uids;
        _counts = counts;
    }

    public static OwnerCounts Of(IEnumerable<PodInfo> pods)
    {
        var counts = None;
        foreach (var pod in pods)
        {
            if (pod.Owner is { } owner)
            {
                counts = counts.Add(owner.Uid);
            }
        }

        return counts;
    }

    public int Of(string uid)
    {
        for (var i = 0; i < _uids.Length; i++)
        {
            if (ReferenceEquals(_uids[i], uid) || _uids[i] == uid)
            {
                return _counts[i];
            }
        }

        return 0;
    }

    /// <summary>Counts one more pod of the owner; this instance is unchanged.</summary>
    public OwnerCounts Add(string uid)
    {
        for (var i = 0; i < _uids.Length; i++)
        {
            if (ReferenceEquals(_uids[i], uid) || _uids[i] == uid)
            {
                var counts = (int[])_counts.Clone();
                counts[i]++;
                return new OwnerCounts(_uids, counts);
            }
        }

        return new OwnerCounts([.. _uids, uid], [.. _counts, 1]);
    }
}
