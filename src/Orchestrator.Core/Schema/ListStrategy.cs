namespace Orchestrator.Core.Schema;

/// <summary>How a strategic merge patch treats one field: Kubernetes' <c>patchStrategy</c> and <c>patchMergeKey</c> tags.</summary>
/// <param name="Merge">Lists are merged (by <paramref name="MergeKey"/> for objects, as a set for primitives) instead of replaced.</param>
/// <param name="MergeKey">The field that identifies an element of a merged list of objects; null for primitive lists.</param>
/// <param name="RetainKeys">The patch may carry <c>$retainKeys</c> (strategy <c>retainKeys</c>).</param>
public sealed record ListStrategy(bool Merge, string? MergeKey, bool RetainKeys = false);
