namespace Orchestrator.Agent.Probes;

/// <summary>The three probes a container may have, which differ in where they start and what a failure does.</summary>
public enum ProbeKind
{
    /// <summary>Gates the other two; failing it restarts the container.</summary>
    Startup,

    /// <summary>Failing it restarts the container.</summary>
    Liveness,

    /// <summary>Decides whether the container is ready (and so the pod's Ready condition); never restarts it.</summary>
    Readiness,
}
