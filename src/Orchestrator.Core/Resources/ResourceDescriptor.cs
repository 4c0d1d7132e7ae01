namespace Orchestrator.Core.Resources;

/// <summary>One served resource: its group/version/kind, REST names, scope, verbs and CLR model type.</summary>
public sealed record ResourceDescriptor(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    Type ModelType,
    Type ListModelType)
{
    public string Singular => Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public IReadOnlyList<SubresourceDescriptor> Subresources { get; init; } = [];

    /// <summary>Whether metadata.generation tracks spec changes (objects with a spec).</summary>
    public bool HasSpec { get; init; } = true;

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    /// <summary>The storage key prefix shared by every object of this resource: <c>group/plural</c>.</summary>
    public string StorageKey => $"{Group}/{Plural}";

    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public SubresourceDescriptor? FindSubresource(string name) =>
        Subresources.FirstOrDefault(s => s.Name == name);
}
