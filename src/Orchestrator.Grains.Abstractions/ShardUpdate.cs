namespace Orchestrator.Grains;

/// <summary>One replacement in a <see cref="IResourceShardGrain.UpdateManyAsync"/> batch.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardUpdate(
    [property: Id(0)] string Name,
    [property: Id(1)] PreparedObject Object,
    [property: Id(2)] WritePrecondition Precondition);
