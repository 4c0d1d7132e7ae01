namespace Orchestrator.Images;

/// <summary>The registry, the store or an archive has no image under a reference.</summary>
public sealed class ImageNotFoundException : Exception
{
    public ImageNotFoundException(string reference, string message)
        : base(message)
    {
        Reference = reference;
    }

    public string Reference { get; }
}
