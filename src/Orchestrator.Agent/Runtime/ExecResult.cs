namespace Orchestrator.Agent.Runtime;

/// <summary>How an exec ended: its exit code, what it printed (stdout then stderr), and whether it ran out of time.</summary>
public sealed record ExecResult(int ExitCode, string Output, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
