using System.Threading.Channels;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// Sends the agent's events in the background, as the kubelet's event broadcaster does: a pod's start never waits for
/// an event to reach the API server. Bounded; when the API server is slower than the events for long, the newest are
/// dropped and counted, again as the kubelet does, rather than holding memory without limit.
/// </summary>
internal sealed class EventQueue(Func<Corev1Event, CancellationToken, Task> send, Action<string> report, int capacity = 1_000)
{
    // Wait mode only so that TryWrite says when the queue is full (the drop modes accept and drop silently); nothing waits.
    private readonly Channel<Corev1Event> _events = Channel.CreateBounded<Corev1Event>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    /// <summary>Events dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues the event; false (and counted) when the queue is full.</summary>
    public bool Enqueue(Corev1Event reported)
    {
        if (_events.Writer.TryWrite(reported))
        {
            return true;
        }
        if (Interlocked.Increment(ref _dropped) % 100 == 1)
        {
            report($"the event queue is full ({capacity}): dropped {Dropped} events so far, e.g. {reported.Reason} for {reported.InvolvedObject?.Name}");
        }
        return false;
    }

    /// <summary>Sends queued events, oldest first, one at a time, until cancelled; a failed send is reported and skipped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var reported in _events.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await send(reported, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    report($"could not record event {reported.Reason} for {reported.InvolvedObject?.Kind} {reported.Metadata?.NamespaceProperty}/{reported.InvolvedObject?.Name}: {ApiErrors.Describe(e)}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent stops; events not yet sent are dropped, as a stopping kubelet's are.
        }
    }
}
