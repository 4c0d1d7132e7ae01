namespace Orchestrator.Agent.Runtime;

/// <summary>Signals the agent sends to containers, with their Linux numbers.</summary>
public enum ContainerSignal
{
    Hangup = 1,
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    User1 = 10,
    User2 = 12,
    Terminate = 15,
}
