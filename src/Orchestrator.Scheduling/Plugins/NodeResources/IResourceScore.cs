namespace Orchestrator.Scheduling.Plugins.NodeResources;

/// <summary>One resource's 0..100 score; a static member so the weighted mean is specialized per strategy, not called through a delegate per resource.</summary>
internal interface IResourceScore
{
    static abstract long Of(long requested, long capacity);
}
