namespace Orchestrator.Core.Selectors;

/// <summary>A label or field selector that cannot be parsed; the message is worded as Kubernetes words it.</summary>
public sealed class SelectorException : Exception
{
    public SelectorException()
    {
    }

    public SelectorException(string message)
        : base(message)
    {
    }

    public SelectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
