namespace Orchestrator.Images.Tests.Support;

/// <summary>One registry for the registry tests, holding busybox as tools/bb:1.35; tests that stop or corrupt a registry start their own.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Repository = "tools/bb";
    public const string Tag = "1.35";

    private LoopbackRegistry? _registry;

    public LoopbackRegistry Registry => _registry!;

    public string Image => $"{Registry.Address}/{Repository}:{Tag}";

    public string ManifestDigest { get; private set; } = "";

    internal BusyboxImage.BuiltImage Busybox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _registry = await LoopbackRegistry.StartAsync();
        Busybox = await BusyboxImage.BuildAsync(BusyboxImage.DefaultBinary, CancellationToken.None);
        using var http = new HttpClient();
        ManifestDigest = await new RegistryPusher(http, Registry.Address).PushImageAsync(Repository, Tag, Busybox);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
