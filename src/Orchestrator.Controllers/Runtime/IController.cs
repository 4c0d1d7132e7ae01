using Orchestrator.Storage;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// One kube-controller-manager controller: which resources it watches, which work keys a change enqueues, and how
/// one key is reconciled. <see cref="ControllerLoop"/> runs it; keys are never reconciled twice at once.
/// </summary>
public interface IController
{
    /// <summary>The name in logs, metrics, events' source and managedFields (e.g. <c>replicaset-controller</c>).</summary>
    string Name { get; }

    /// <summary>Storage keys (<c>group/plural</c>, such as <c>/pods</c> or <c>apps/replicasets</c>) to watch.</summary>
    IReadOnlyList<string> Watches { get; }

    /// <summary>The keys a change makes dirty. Called on one thread, in revision order per resource.</summary>
    IEnumerable<string> KeysFor(ChangeEvent change);

    /// <summary>Brings <paramref name="key"/> to its desired state; a non-null answer asks to look again after that delay.</summary>
    Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken);
}
