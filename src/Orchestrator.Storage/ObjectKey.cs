namespace Orchestrator.Storage;

/// <summary>Where an object lives: its resource (<c>group/plural</c>), namespace ("" when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Resource, string Namespace, string Name)
{
    /// <summary>The ordering key within a resource: namespace, then name, as etcd orders Kubernetes keys.</summary>
    public string SortKey => Namespace + "/" + Name;

    public override string ToString() => $"{Resource}/{SortKey}";
}
