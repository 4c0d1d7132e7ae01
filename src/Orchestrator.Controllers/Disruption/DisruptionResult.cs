using k8s.Models;

namespace Orchestrator.Controllers.Disruption;

/// <summary>A budget's new status, when to look again (an eviction's disruption expiring), and an error to report.</summary>
public sealed record DisruptionResult(V1PodDisruptionBudgetStatus Status, DateTimeOffset? RecheckAt, string? Error);
