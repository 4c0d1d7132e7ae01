using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Orchestrator.Scheduling.Plugins.PodTopologySpread;

/// <summary>Matching pods per domain of one constraint for one cycle, asked about once or twice per scored node.</summary>
/// <remarks>
/// A handful of domains (zones: their label values are interned, see NodeInfo) are found by reference in a flat
/// array, which beats hashing the value on each of 500 nodes; past a few, a hash index takes over, so a key with a
/// domain per node stays linear.
/// </remarks>
internal sealed class DomainTable
{
    private const int LinearLimit = 8;

    private readonly List<string> _domains = [];
    private readonly List<long> _counts = [];
    private Dictionary<string, int>? _index;

    public int Count => _domains.Count;

    /// <summary>Adds the domain with no pods counted; false when it is already there.</summary>
    public bool TryAdd(string domain)
    {
        if (IndexOf(domain) >= 0)
        {
            return false;
        }

        _domains.Add(domain);
        _counts.Add(0);
        if (_index is not null)
        {
            _index.Add(domain, _domains.Count - 1);
        }
        else if (_domains.Count > LinearLimit)
        {
            _index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _domains.Count; i++)
            {
                _index.Add(_domains[i], i);
            }
        }

        return true;
    }

    public bool Contains(string domain) => IndexOf(domain) >= 0;

    /// <summary>Counts more pods in a domain already added; a domain never added is left out, as no node defines it.</summary>
    public void AddPods(string domain, long pods)
    {
        var i = IndexOf(domain);
        if (i >= 0)
        {
            _counts[i] += pods;
        }
    }

    public long PodsIn(string domain)
    {
        var i = IndexOf(domain);
        return i >= 0 ? _counts[i] : 0;
    }

    /// <summary>
    /// PodsIn for a zone label from a node, which is interned: found by reference among the domains without a call,
    /// else (not interned, not counted) answered by PodsIn. Spreading asks this on every scored node.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PodsInInterned(string domain)
    {
        var domains = CollectionsMarshal.AsSpan(_domains);
        for (var i = 0; i < domains.Length; i++)
        {
            if (ReferenceEquals(domains[i], domain))
            {
                return CollectionsMarshal.AsSpan(_counts)[i];
            }
        }

        return PodsIn(domain);
    }

    private int IndexOf(string domain)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(domain, out var found) ? found : -1;
        }

        for (var i = 0; i < _domains.Count; i++)
        {
            if (ReferenceEquals(_domains[i], domain))
            {
                return i;
            }
        }

        for (var i = 0; i < _domains.Count; i++)
        {
            if (string.Equals(_domains[i], domain, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
