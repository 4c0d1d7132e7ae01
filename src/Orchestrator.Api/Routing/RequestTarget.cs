using Orchestrator.Core.Resources;

namespace Orchestrator.Api.Routing;

/// <summary>
/// What a resource path names: <c>/api/v1/namespaces/{ns}/pods/{name}/status</c> and the cluster-wide
/// <c>/apis/apps/v1/deployments</c> forms, resolved against the registry.
/// </summary>
public sealed record RequestTarget(ResourceDescriptor Resource, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses the segments after <c>/api</c> or <c>/apis</c>; null when they name a discovery document.</summary>
    public static RequestTarget? Parse(ResourceRegistry registry, bool core, IReadOnlyList<string> segments, out string? error)
    {
        error = null;
        var offset = core ? 1 : 2;
        if (segments.Count <= offset)
        {
            return null;
        }
        var group = core ? "" : segments[0];
        var version = segments[offset - 1];
        var rest = segments.Skip(offset).ToList();
        string? ns = null;
        // /api/v1/namespaces/{name}/status names a namespace's subresource, not a resource called "status".
        var namespaceSubresource = core && rest.Count == 3 && rest[0] == "namespaces"
            && registry.Find("", version, "namespaces")?.FindSubresource(rest[2]) is not null;
        if (rest.Count >= 3 && rest[0] == "namespaces" && !namespaceSubresource)
        {
            ns = rest[1];
            rest = rest.Skip(2).ToList();
        }
        var resource = registry.Find(group, version, rest[0]);
        if (resource is null)
        {
            error = $"the server could not find the requested resource ({(group.Length == 0 ? "" : group + "/")}{version}, Resource={rest[0]})";
            return null;
        }
        if (ns is not null && !resource.Namespaced)
        {
            error = $"{resource.Plural} is not namespaced; use the path without /namespaces/{ns}";
            return null;
        }
        var name = rest.Count > 1 ? rest[1] : null;
        var subresource = rest.Count > 2 ? string.Join('/', rest.Skip(2)) : null;
        if (subresource is not null && resource.FindSubresource(subresource) is null)
        {
            error = $"the server could not find the requested resource: {resource.Plural} has no subresource \"{subresource}\"";
            return null;
        }
        return new RequestTarget(resource, ns, name, subresource);
    }
}
