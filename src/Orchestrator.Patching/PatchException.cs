namespace Orchestrator.Patching;

/// <summary>A patch that is malformed (code 400) or cannot be applied to the document (code 422).</summary>
public sealed class PatchException : Exception
{
    public PatchException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The HTTP status the API server should answer with: 400 Bad Request or 422 Unprocessable Entity.</summary>
    public int Code { get; }

    internal static PatchException Malformed(string message) => new(400, message);

    internal static PatchException CannotApply(string message) => new(422, message);
}
