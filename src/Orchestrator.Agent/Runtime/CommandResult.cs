namespace Orchestrator.Agent.Runtime;

/// <summary>How a runtime command ended and what it printed.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
