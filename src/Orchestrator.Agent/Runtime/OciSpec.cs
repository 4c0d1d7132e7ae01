namespace Orchestrator.Agent.Runtime;

/// <summary>The part of an OCI runtime-spec 1.0 <c>config.json</c> the agent writes.</summary>
/// <remarks>
/// Written by hand: no maintained .NET package models the OCI runtime spec, and the agent needs only these fields.
/// <see cref="OciJson"/> turns the property names into the spec's camelCase names.
/// </remarks>
public sealed record OciSpec
{
    public string OciVersion { get; init; } = "1.0.2";

    public required OciProcess Process { get; init; }

    public required OciRoot Root { get; init; }

    public string? Hostname { get; init; }

    public IReadOnlyList<OciMount> Mounts { get; init; } = [];

    public required OciLinux Linux { get; init; }
}
