using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.Api.Discovery;

/// <summary>
/// The discovery documents kubectl reads before anything else: the aggregated <c>apidiscovery.k8s.io/v2</c>
/// lists and the legacy APIVersions / APIGroupList / APIResourceList, all derived from the registry.
/// </summary>
public sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    public const string AggregatedMediaType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>True when the Accept header asks for the aggregated form (kubectl 1.26+ does).</summary>
    public static bool WantsAggregated(string? accept) =>
        accept is not null && accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal)
        && accept.Contains("v=v2", StringComparison.Ordinal) && accept.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal);

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-orchestrator",
        ["gitCommit"] = "orchestrator",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-25T00:00:00Z",
        ["goVersion"] = "dotnet" + Environment.Version,
        ["compiler"] = "roslyn",
        ["platform"] = $"{(OperatingSystem.IsLinux() ? "linux" : "other")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
    };

    public JsonObject LegacyCore(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject LegacyGroups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups().Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Key,
            ["versions"] = new JsonArray([.. g.Select(v => (JsonNode)GroupVersionRef(g.Key, v))]),
            ["preferredVersion"] = GroupVersionRef(g.Key, g.First()),
        })]),
    };

    /// <summary>The aggregated list for <c>/api</c> (core only) or <c>/apis</c> (every named group).</summary>
    public JsonObject Aggregated(bool core) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = "apidiscovery.k8s.io/v2",
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray([.. (core ? CoreGroup() : Groups()).Select(g => (JsonNode)new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = g.Key },
            ["versions"] = new JsonArray([.. g.Select(v => (JsonNode)new JsonObject
            {
                ["version"] = v,
                ["resources"] = new JsonArray([.. Resources(g.Key, v).Select(AggregatedResource)]),
                ["freshness"] = "Current",
            })]),
        })]),
    };

    /// <summary>The APIResourceList for one group/version, or null if it is not served.</summary>
    public JsonObject? ResourceList(string group, string version)
    {
        var resources = Resources(group, version).ToList();
        if (resources.Count == 0)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var r in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }
            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }
            list.Add(entry);
            foreach (var sub in r.Subresources)
            {
                var subEntry = new JsonObject
                {
                    ["name"] = $"{r.Plural}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = sub.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                };
                if (sub.Group != r.Group || sub.Version != r.Version)
                {
                    subEntry["group"] = sub.Group;
                    subEntry["version"] = sub.Version;
                }
                list.Add(subEntry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    private IEnumerable<IGrouping<string, string>> Groups() =>
        registry.GroupVersions.Where(gv => gv.Group.Length > 0).GroupBy(gv => gv.Group, gv => gv.Version);

    private IEnumerable<IGrouping<string, string>> CoreGroup() =>
        registry.GroupVersions.Where(gv => gv.Group.Length == 0).GroupBy(gv => gv.Group, gv => gv.Version);

    private IEnumerable<ResourceDescriptor> Resources(string group, string version) =>
        registry.All.Where(r => r.Group == group && r.Version == version);

    private static JsonObject GroupVersionRef(string group, string version) => new()
    {
        ["groupVersion"] = $"{group}/{version}",
        ["version"] = version,
    };

    private static JsonNode AggregatedResource(ResourceDescriptor r)
    {
        var entry = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = Gvk(r.Group, r.Version, r.Kind),
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Strings(r.Verbs),
        };
        if (r.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(r.ShortNames);
        }
        if (r.Categories.Count > 0)
        {
            entry["categories"] = Strings(r.Categories);
        }
        if (r.Subresources.Count > 0)
        {
            entry["subresources"] = new JsonArray([.. r.Subresources.Select(s => (JsonNode)new JsonObject
            {
                ["subresource"] = s.Name,
                ["responseKind"] = Gvk(s.Group, s.Version, s.Kind),
                ["verbs"] = Strings(s.Verbs),
            })]);
        }
        return entry;
    }

    private static JsonObject Gvk(string group, string version, string kind) => new()
    {
        ["group"] = group,
        ["version"] = version,
        ["kind"] = kind,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
