namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>linux</c> section: namespaces, cgroup and limits, hidden paths.</summary>
public sealed record OciLinux
{
    public IReadOnlyList<OciNamespace> Namespaces { get; init; } = [];

    public OciResources? Resources { get; init; }

    public string? CgroupsPath { get; init; }

    public IReadOnlyList<string>? MaskedPaths { get; init; }

    public IReadOnlyList<string>? ReadonlyPaths { get; init; }
}
