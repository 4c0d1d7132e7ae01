namespace Orchestrator.Agent.Pods;

/// <summary>A pod volume could not be set up; <see cref="Permanent"/> when trying again cannot help (an unsupported type).</summary>
public sealed class PodVolumeException : Exception
{
    public PodVolumeException()
    {
    }

    public PodVolumeException(string message)
        : base(message)
    {
    }

    public PodVolumeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PodVolumeException(string message, bool permanent)
        : base(message)
    {
        Permanent = permanent;
    }

    public bool Permanent { get; }
}
