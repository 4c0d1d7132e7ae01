using System.Globalization;
using System.Net;

namespace Orchestrator.Simulation;

/// <summary>
/// Fake but stable addresses. Node <c>i</c> gets InternalIP 172.16.0.0 + i + 1 and the pod CIDR
/// 10.244.i.0/24 (continuing through 10.128.0.0/9, away from the 10.96.0.0/12 service range); a pod's address
/// in it is chosen from its namespace and name, so the same pod on the same node always gets the same one.
/// </summary>
public static class PodAddresses
{
    // /24 number of 10.244.0.0 counted from 10.128.0.0: node 0 gets the CIDR flannel users expect.
    private const int FirstSubnet = (244 - 128) * 256;
    private const int Subnets = 128 * 256;

    /// <summary>.0 is the network and .1 the node's bridge; .255 is broadcast.</summary>
    private const int FirstHost = 2;
    private const int Hosts = 253;

    public static string HostIp(int index)
    {
        var address = (172u << 24) + (16u << 16) + (uint)index + 1;
        return new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]).ToString();
    }

    public static string PodCidr(int index)
    {
        var (b, c) = Subnet(index);
        return string.Create(CultureInfo.InvariantCulture, $"10.{b}.{c}.0/24");
    }

    /// <summary>
    /// The address for pod <paramref name="podKey"/> (namespace/name) on node <paramref name="index"/>: its hashed
    /// slot, or the next one not in <paramref name="inUse"/>. When all 253 are taken the hashed slot is shared.
    /// </summary>
    public static string PodIp(int index, string podKey, IReadOnlySet<string> inUse)
    {
        var (b, c) = Subnet(index);
        var start = (int)(Fnv1a(podKey) % Hosts);
        for (var probe = 0; probe < Hosts; probe++)
        {
            var candidate = Address(b, c, (start + probe) % Hosts);
            if (!inUse.Contains(candidate))
            {
                return candidate;
            }
        }
        return Address(b, c, start);
    }

    private static (int B, int C) Subnet(int index)
    {
        var subnet = (FirstSubnet + index) % Subnets;
        return (128 + subnet / 256, subnet % 256);
    }

    private static string Address(int b, int c, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"10.{b}.{c}.{FirstHost + slot}");

    // string.GetHashCode is randomized per process; addresses must be the same in every run.
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 16777619u;
        }
        return hash;
    }
}
