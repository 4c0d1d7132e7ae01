namespace Orchestrator.Grains;

/// <summary>Builds and splits the string keys of <see cref="IResourceShardGrain"/>.</summary>
public static class ShardKey
{
    public static string Of(string resource, string ns) => resource + "|" + ns;

    public static (string Resource, string Namespace) Parse(string key)
    {
        var bar = key.LastIndexOf('|');
        return (key[..bar], key[(bar + 1)..]);
    }
}
