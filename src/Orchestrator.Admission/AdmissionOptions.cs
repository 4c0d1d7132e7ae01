namespace Orchestrator.Admission;

/// <summary>Tunables for admission; DefaultTolerationSeconds is how long pods stay on a not-ready or unreachable node (Kubernetes: 300).</summary>
public sealed record AdmissionOptions(long DefaultTolerationSeconds = 60)
{
    public static AdmissionOptions Default { get; } = new();
}
