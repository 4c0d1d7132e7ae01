using Orchestrator.Agent.Probes;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Pods;

// The kubelet's prober for one container attempt: startup first, then liveness and readiness, each on its own period.
internal sealed partial class PodWorker
{
    /// <summary>Probes the attempt until it exits (the token is cancelled then); a failed liveness or startup probe stops it.</summary>
    private async Task ProbeAsync(ContainerSlot slot, string id, CancellationToken cancellationToken)
    {
        var spec = slot.Spec;
        if (slot.Init || (spec.StartupProbe is null && spec.LivenessProbe is null && spec.ReadinessProbe is null))
        {
            return;
        }

        var started = _context.Time.GetUtcNow();
        var startup = spec.StartupProbe is { } s ? new ProbeTracker(s, ProbeKind.Startup, started) : null;
        var liveness = spec.LivenessProbe is { } l ? new ProbeTracker(l, ProbeKind.Liveness, started) : null;
        var readiness = spec.ReadinessProbe is { } r ? new ProbeTracker(r, ProbeKind.Readiness, started) : null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Liveness and readiness only begin once the startup probe has passed, as in the kubelet.
                var active = startup is { Succeeded: false } ? [startup] : new[] { liveness, readiness }.OfType<ProbeTracker>().ToArray();
                foreach (var tracker in active)
                {
                    if (!tracker.IsDue(_context.Time.GetUtcNow()))
                    {
                        continue;
                    }

                    var probe = tracker.Kind switch
                    {
                        ProbeKind.Startup => spec.StartupProbe!,
                        ProbeKind.Liveness => spec.LivenessProbe!,
                        _ => spec.ReadinessProbe!,
                    };
                    var (success, message) = await _context.Probes.RunAsync(
                        probe, spec, id, _context.Options.InternalIP, _context.Runtime, tracker.Timeout, cancellationToken);
                    var changed = tracker.Record(success, message, _context.Time.GetUtcNow());
                    if (!success)
                    {
                        await EventAsync("Warning", "Unhealthy", $"{tracker.Kind} probe failed: {message}", cancellationToken);
                    }

                    if (changed && await OnVerdictAsync(slot, id, tracker, startup, readiness, cancellationToken))
                    {
                        return;
                    }
                }

                await Task.Delay(_context.ProbeTick, _context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt exited or the pod is stopping.
        }
    }

    /// <summary>Publishes a changed verdict; true when the container was stopped for failing liveness or startup.</summary>
    private async Task<bool> OnVerdictAsync(
        ContainerSlot slot, string id, ProbeTracker tracker, ProbeTracker? startup, ProbeTracker? readiness, CancellationToken cancellationToken)
    {
        if (tracker.Kind is ProbeKind.Liveness or ProbeKind.Startup && tracker.Failed)
        {
            await EventAsync("Normal", "Killing", $"Container {slot.Name} failed {tracker.Kind.ToString().ToLowerInvariant()} probe, will be restarted", cancellationToken);

            // The exit is seen by FollowAsync, and the restart policy decides what comes next.
            await _context.Runtime.StopAsync(id, GracePeriod(), _context.Time, cancellationToken);
            return true;
        }

        lock (_gate)
        {
            slot.ProbedStarted = startup is null ? null : startup.Succeeded;
            var startedOk = startup is null || startup.Succeeded;
            slot.ProbedReady = startup is null && readiness is null ? null : startedOk && (readiness is null || readiness.Succeeded);
        }

        await PublishAsync(cancellationToken);
        return false;
    }
}
