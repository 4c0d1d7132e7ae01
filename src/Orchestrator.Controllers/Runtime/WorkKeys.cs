namespace Orchestrator.Controllers.Runtime;

/// <summary>Work keys as client-go's MetaNamespaceKeyFunc makes them: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class WorkKeys
{
    public static string Of(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public static (string? Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}
