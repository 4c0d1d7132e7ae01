namespace Orchestrator.Api.Objects;

/// <summary>The query parameters every write honours.</summary>
/// <param name="FieldManager">Who makes the change, for managedFields.</param>
/// <param name="FieldValidation">Strict, Warn or Ignore: what unknown or duplicate fields cause.</param>
/// <param name="DryRun">Validate and answer without storing.</param>
/// <param name="Force">Server-side apply takes fields owned by other managers.</param>
public sealed record WriteOptions(string FieldManager, string FieldValidation, bool DryRun, bool Force = false);
