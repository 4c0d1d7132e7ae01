namespace Orchestrator.Images;

/// <summary>An absent image under pull policy Never; kubelet reports it as ErrImageNeverPull.</summary>
public sealed class ImageNeverPullException : Exception
{
    public ImageNeverPullException(string image)
        : base($"Container image \"{image}\" is not present with pull policy of Never")
    {
        Image = image;
    }

    public string Image { get; }
}
