namespace Orchestrator.OpenApi;

/// <summary>One field of a request body that strict decoding rejects: where it is, and Kubernetes' wording of what is wrong.</summary>
/// <param name="Path">The field path, e.g. <c>spec.containers[0].foo</c>.</param>
/// <param name="Message">The message, e.g. <c>unknown field "spec.containers[0].foo"</c>.</param>
public sealed record FieldProblem(string Path, string Message)
{
    /// <summary>An unknown field only fails under <c>fieldValidation=Strict</c>; any other problem fails every request.</summary>
    public bool IsUnknownField => Message.StartsWith("unknown field ", StringComparison.Ordinal);
}
