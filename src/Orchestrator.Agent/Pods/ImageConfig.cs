namespace Orchestrator.Agent.Pods;

/// <summary>What an image says about how to run it (the OCI image config): entrypoint, cmd, environment and working directory.</summary>
public sealed record ImageConfig
{
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>NAME=value pairs.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public string? WorkingDir { get; init; }
}
