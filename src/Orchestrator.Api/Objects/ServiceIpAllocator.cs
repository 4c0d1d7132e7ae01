using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Storage;

namespace Orchestrator.Api.Objects;

/// <summary>
/// Gives each new ClusterIP/NodePort/LoadBalancer Service an unused address in the service range
/// (Kubernetes' default 10.96.0.0/12); headless ("None") and ExternalName services get none.
/// </summary>
public sealed class ServiceIpAllocator(ObjectCache cache)
{
    private const uint RangeStart = 0x0A600000; // 10.96.0.0
    private const uint RangeSize = 1u << 20;    // /12
    private readonly Lock _gate = new();
    private readonly HashSet<uint> _reserved = [];

    /// <summary>Sets spec.clusterIP and spec.clusterIPs when the service needs one and has none.</summary>
    public void Assign(JsonObject service)
    {
        if (service["spec"] is not JsonObject spec || spec["type"]?.ToString() == "ExternalName")
        {
            return;
        }
        var requested = spec["clusterIP"]?.ToString();
        if (!string.IsNullOrEmpty(requested))
        {
            spec["clusterIPs"] ??= new JsonArray(requested);
            return;
        }
        var address = Next();
        spec["clusterIP"] = address;
        spec["clusterIPs"] = new JsonArray(address);
    }

    private string Next()
    {
        lock (_gate)
        {
            var used = cache.List("/services", null, _ => true).Items
                .Select(s => JsonNode.Parse(s.Json)?["spec"]?["clusterIP"]?.ToString())
                .Where(ip => ip is not null && IPAddress.TryParse(ip, out _))
                .Select(ip => ToUInt(IPAddress.Parse(ip!)))
                .ToHashSet();
            // Reservations only bridge the gap until a create commits; committed addresses are in the cache.
            _reserved.RemoveWhere(used.Contains);
            // Skip .0 and the first address, which Kubernetes keeps for the kubernetes service.
            for (uint offset = 2; offset < RangeSize - 1; offset++)
            {
                var candidate = RangeStart + offset;
                if (!used.Contains(candidate) && _reserved.Add(candidate))
                {
                    return new IPAddress(BitConverter.GetBytes(candidate).Reverse().ToArray()).ToString();
                }
            }
        }
        throw new Http.ApiException(500, "InternalError", "the service IP range 10.96.0.0/12 is exhausted; delete unused services");
    }

    private static uint ToUInt(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4 ? (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) : 0;
    }
}
