using Orleans.Concurrency;

namespace Orchestrator.Grains;

/// <summary>
/// One node (key: the node's name), the authority on its capacity: every binding to the node goes through it,
/// so two schedulers racing for the last room on a node cannot both win.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>Assigns the pod to this node if it is still unbound and its requests still fit; durable when it returns Bound.</summary>
    Task<BindOutcome> BindAsync(BindRequest request);

    /// <summary>
    /// Binds several pods in one turn, in order: each is bound or refused on its own (a pod that would overcommit the node
    /// is refused, the rest go on), and the bound ones share one durable write batch.
    /// </summary>
    Task<BindOutcome[]> BindManyAsync(Immutable<BindRequest[]> requests);
}
