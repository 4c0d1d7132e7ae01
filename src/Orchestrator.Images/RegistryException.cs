using System.Net;

namespace Orchestrator.Images;

/// <summary>A registry that could not be reached or answered with an error; the message names the registry.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string registry, string message, HttpStatusCode? status = null, Exception? inner = null)
        : base(message, inner)
    {
        Registry = registry;
        Status = status;
    }

    /// <summary>The registry's address, as in the image reference.</summary>
    public string Registry { get; }

    /// <summary>The HTTP status, when the registry answered at all.</summary>
    public HttpStatusCode? Status { get; }
}
