namespace Orchestrator.Images;

/// <summary>An image reference that cannot be parsed; kubelet reports it as InvalidImageName.</summary>
public sealed class InvalidImageReferenceException : FormatException
{
    public InvalidImageReferenceException(string image, string reason)
        : base($"invalid image reference \"{image}\": {reason}")
    {
        Image = image;
        Reason = reason;
    }

    /// <summary>The text as the user wrote it.</summary>
    public string Image { get; }

    /// <summary>What is wrong with it, without the reference.</summary>
    public string Reason { get; }
}
