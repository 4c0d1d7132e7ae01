namespace Orchestrator.Images.Tests.Support;

/// <summary>The test classes that share <see cref="RegistryFixture"/>'s registry.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}
