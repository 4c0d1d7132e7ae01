namespace Orchestrator.Agent.Runtime;

/// <summary>A container runtime is missing or one of its commands failed; the message says which and why.</summary>
public sealed class ContainerRuntimeException : Exception
{
    public ContainerRuntimeException()
    {
    }

    public ContainerRuntimeException(string message)
        : base(message)
    {
    }

    public ContainerRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
