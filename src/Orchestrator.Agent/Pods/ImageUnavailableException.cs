namespace Orchestrator.Agent.Pods;

/// <summary>An image could not be had; <see cref="Reason"/> is the container's waiting reason, such as ErrImagePull.</summary>
public sealed class ImageUnavailableException : Exception
{
    public ImageUnavailableException()
        : this("ErrImagePull", "The image is not available.")
    {
    }

    public ImageUnavailableException(string message)
        : this("ErrImagePull", message)
    {
    }

    public ImageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "ErrImagePull";
    }

    public ImageUnavailableException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public string Reason { get; }
}
