namespace Orchestrator.Api.Objects;

/// <summary>Kubernetes' DeleteOptions, merged from the body and the query.</summary>
public sealed record DeleteRequest(string? PropagationPolicy, long? GracePeriodSeconds, string? Uid, long? ResourceVersion, bool DryRun);
