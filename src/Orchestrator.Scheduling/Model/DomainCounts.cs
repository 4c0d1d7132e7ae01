namespace Orchestrator.Scheduling.Model;

/// <summary>Pods per topology domain (a zone name, say) for one owner: an immutable handful of entries in flat arrays.</summary>
internal sealed class DomainCounts
{
    public static readonly DomainCounts None = new([], []);

    private readonly string[] _domains;
    private readonly int[] _counts;

    private DomainCounts(string[] domains, int[] counts)
    {
        _domains = domains;
        _counts = counts;
    }

    public int Count => _domains.Length;

    public bool IsEmpty => _domains.Length == 0;

    public string DomainAt(int index) => _domains[index];

    public int CountAt(int index) => _counts[index];

    public int Of(string domain)
    {
        var i = IndexOf(domain);
        return i >= 0 ? _counts[i] : 0;
    }

    /// <summary>The counts with delta more pods in the domain; a domain that reaches zero is dropped. This instance is unchanged.</summary>
    public DomainCounts Add(string domain, int delta)
    {
        var i = IndexOf(domain);
        if (i < 0)
        {
            return delta == 0 ? this : new DomainCounts([.. _domains, domain], [.. _counts, delta]);
        }

        if (_counts[i] + delta != 0)
        {
            var counts = (int[])_counts.Clone();
            counts[i] += delta;
            return new DomainCounts(_domains, counts);
        }

        return new DomainCounts([.. _domains[..i], .. _domains[(i + 1)..]], [.. _counts[..i], .. _counts[(i + 1)..]]);
    }

    private int IndexOf(string domain)
    {
        for (var i = 0; i < _domains.Length; i++)
        {
            if (ReferenceEquals(_domains[i], domain) || _domains[i] == domain)
            {
                return i;
            }
        }

        return -1;
    }
}
