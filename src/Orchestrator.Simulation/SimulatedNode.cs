using k8s.Models;

namespace Orchestrator.Simulation;

/// <summary>One simulated node's state: its identity, its cached Lease, and the pod addresses handed out on it.</summary>
internal sealed class SimulatedNode(int index, string name)
{
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inUse = new(StringComparer.Ordinal);

    public int Index { get; } = index;

    public string Name { get; } = name;

    public string HostIp { get; } = PodAddresses.HostIp(index);

    public string? Uid { get; set; }

    /// <summary>The last Lease the server returned, replaced with its resourceVersion as the kubelet does.</summary>
    public V1Lease? Lease { get; set; }

    /// <summary>When the node last renewed its Lease in this run, to notice that it was silent (stopped, cut off).</summary>
    public DateTime? LeaseRenewedAt { get; set; }

    /// <summary>When this run registered the node: the Ready condition's transition time.</summary>
    public DateTime ReadySince { get; set; }

    /// <summary>The pod's address: the one it already has on this node, or a new one.</summary>
    public string AssignAddress(string podKey)
    {
        lock (_addresses)
        {
            if (_addresses.TryGetValue(podKey, out var existing))
            {
                return existing;
            }
            var address = PodAddresses.PodIp(Index, podKey, _inUse);
            _addresses[podKey] = address;
            _inUse.Add(address);
            return address;
        }
    }

    /// <summary>Remembers the address of a pod already running here (found after a restart or a re-list).</summary>
    public void RecordAddress(string podKey, string address)
    {
        lock (_addresses)
        {
            if (_addresses.TryGetValue(podKey, out var previous) && previous != address)
            {
                _inUse.Remove(previous);
            }
            _addresses[podKey] = address;
            _inUse.Add(address);
        }
    }

    public void ReleaseAddress(string podKey)
    {
        lock (_addresses)
        {
            if (_addresses.Remove(podKey, out var address))
            {
                _inUse.Remove(address);
            }
        }
    }

    public void ForgetAddresses()
    {
        lock (_addresses)
        {
            _addresses.Clear();
            _inUse.Clear();
        }
    }
}
