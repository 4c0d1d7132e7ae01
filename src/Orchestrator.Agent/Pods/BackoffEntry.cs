namespace Orchestrator.Agent.Pods;

/// <summary>One container's backoff: the current delay and when it was last stepped (the kubelet's flowcontrol entry).</summary>
public sealed record BackoffEntry(TimeSpan Backoff, DateTimeOffset LastUpdate);
