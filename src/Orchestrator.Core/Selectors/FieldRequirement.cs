namespace Orchestrator.Core.Selectors;

/// <summary>One term of a field selector: the field must equal the value, or, when <paramref name="Equal"/> is false, must not.</summary>
/// <remarks>Named <c>Equal</c> because a record cannot have a member called <c>Equals</c>.</remarks>
public sealed record FieldRequirement(string Field, string Value, bool Equal);
