namespace Orchestrator.Scheduling.Model;

/// <summary>A required pod anti-affinity term; only kubernetes.io/hostname topology is supported, so the domain is the node.</summary>
public sealed record PodAntiAffinityTerm(LabelSelector LabelSelector);
