using k8s.Models;

namespace Orchestrator.Agent.Probes;

/// <summary>
/// kubelet's prober worker for one probe of one container attempt, without the I/O: when the next check is due
/// (initialDelaySeconds, periodSeconds) and what the results add up to (successThreshold, failureThreshold).
/// </summary>
public sealed class ProbeTracker
{
    private readonly TimeSpan _initialDelay;
    private readonly TimeSpan _period;
    private readonly int _successThreshold;
    private readonly int _failureThreshold;
    private readonly DateTimeOffset _started;
    private DateTimeOffset? _lastRun;
    private int _successes;
    private int _failures;

    /// <param name="probe">The container's probe; the Kubernetes defaults apply to what it leaves out (period 10 s, thresholds 1 and 3).</param>
    /// <param name="kind">Which probe: readiness starts not ready, liveness starts alive, startup starts not started.</param>
    /// <param name="started">When the container started; the initial delay counts from here.</param>
    public ProbeTracker(V1Probe probe, ProbeKind kind, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Kind = kind;
        _started = started;
        _initialDelay = TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0));
        _period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        Timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));

        // Kubernetes requires successThreshold 1 for liveness and startup; anything else is treated as 1 here too.
        _successThreshold = kind == ProbeKind.Readiness ? Math.Max(1, probe.SuccessThreshold ?? 1) : 1;
        _failureThreshold = Math.Max(1, probe.FailureThreshold ?? 3);
        Succeeded = kind == ProbeKind.Liveness;
    }

    public ProbeKind Kind { get; }

    /// <summary>How long one check may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The probe's verdict so far: ready, alive or started.</summary>
    public bool Succeeded { get; private set; }

    /// <summary>True once failures reached failureThreshold; for liveness and startup that means restart the container.</summary>
    public bool Failed { get; private set; }

    /// <summary>The message of the last failed check, for the event and the container status.</summary>
    public string LastFailure { get; private set; } = "";

    /// <summary>Whether a check should run now.</summary>
    public bool IsDue(DateTimeOffset now) =>
        now >= _started + _initialDelay && (_lastRun is not { } last || now >= last + _period);

    /// <summary>Counts one check's result; returns true when the verdict changed.</summary>
    public bool Record(bool success, string message, DateTimeOffset now)
    {
        _lastRun = now;
        var before = (Succeeded, Failed);
        if (success)
        {
            (_successes, _failures) = (_successes + 1, 0);
            if (_successes >= _successThreshold)
            {
                (Succeeded, Failed) = (true, false);
            }
        }
        else
        {
            (_successes, _failures) = (0, _failures + 1);
            LastFailure = message;
            if (_failures >= _failureThreshold)
            {
                (Succeeded, Failed) = (false, true);
            }
        }

        return before != (Succeeded, Failed);
    }
}
