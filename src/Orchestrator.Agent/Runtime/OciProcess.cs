namespace Orchestrator.Agent.Runtime;

/// <summary>The OCI <c>process</c>: what runs as the container's first process, as whom, where.</summary>
public sealed record OciProcess
{
    public bool Terminal { get; init; }

    public OciUser User { get; init; } = new();

    public required IReadOnlyList<string> Args { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string Cwd { get; init; } = "/";

    public OciCapabilities? Capabilities { get; init; }

    public IReadOnlyList<OciRlimit>? Rlimits { get; init; }

    public bool NoNewPrivileges { get; init; }
}
