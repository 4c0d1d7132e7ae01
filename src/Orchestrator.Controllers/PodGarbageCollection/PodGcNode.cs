namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>What pod GC needs of one node: whether it is Ready and whether it carries the out-of-service taint.</summary>
public sealed record PodGcNode(string Name, bool Ready, bool OutOfService);
