namespace Orchestrator.Images;

/// <summary>Content whose SHA-256 is not the digest it was fetched or stored under: corrupt, truncated or tampered.</summary>
public sealed class DigestMismatchException : IOException
{
    public DigestMismatchException(string expected, string actual, string origin)
        : base($"{origin}: content does not match its digest: expected {expected}, got {actual}; nothing was stored")
    {
        Expected = expected;
        Actual = actual;
        Origin = origin;
    }

    public string Expected { get; }

    /// <summary>The digest of what arrived, or a note saying why it could not be computed.</summary>
    public string Actual { get; }

    /// <summary>Where the content came from: a registry URL or an archive entry.</summary>
    public string Origin { get; }
}
