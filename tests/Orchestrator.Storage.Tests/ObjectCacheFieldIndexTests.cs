using System.Text;

namespace Orchestrator.Storage.Tests;

/// <summary>The field index answers "which pods are on node X" from the pods on X, and follows every change.</summary>
public sealed class ObjectCacheFieldIndexTests
{
    private static readonly ObjectCacheOptions Indexed = new(IndexedFields: new Dictionary<string, string> { ["/pods"] = "spec.nodeName" });

    [Fact]
    public async Task A_pod_is_listed_under_its_node_and_follows_it_when_rebound_or_deleted()
    {
        using var folder = new StoreFolder();
        await using (var log = Open(folder))
        {
            await WriteAsync(log, "a", "n1");
            await WriteAsync(log, "b", "n1");
            await WriteAsync(log, "c", null);

            Assert.Equal(["a", "b"], Names(log, "n1"));
            Assert.Empty(Names(log, "n2"));

            await WriteAsync(log, "b", "n2");
            await WriteAsync(log, "c", "n2");
            await WriteAsync(log, "a", "n1", delete: true);

            Assert.Empty(Names(log, "n1"));
            Assert.Equal(["b", "c"], Names(log, "n2"));
        }

        // Objects loaded at start are indexed too.
        await using var reopened = Open(folder);
        Assert.Equal(["b", "c"], Names(reopened, "n2"));
    }

    [Fact]
    public async Task Listing_by_a_field_that_is_not_indexed_is_refused()
    {
        using var folder = new StoreFolder();
        await using var log = Open(folder);

        Assert.Throws<ArgumentException>(() => log.Cache.ListByField("/pods", "status.phase", "Running"));
        Assert.Throws<ArgumentException>(() => log.Cache.ListByField("/things", "spec.nodeName", "n1"));
    }

    private static ObjectLog Open(StoreFolder folder) => ObjectLog.Open(new SqliteObjectLogBackend(folder.Database), Summarize, Indexed);

    // Objects are stored as "name:node".
    private static ObjectSummary Summarize(ObjectKey key, byte[] json)
    {
        var node = Encoding.UTF8.GetString(json).Split(':')[1];
        return new ObjectSummary(key.Name, null, node.Length == 0 ? null : new Dictionary<string, string> { ["spec.nodeName"] = node });
    }

    private static string[] Names(ObjectLog log, string node) =>
        [.. log.Cache.ListByField("/pods", "spec.nodeName", node).Select(o => o.Key.Name).Order(StringComparer.Ordinal)];

    private static Task<StoredObject> WriteAsync(ObjectLog log, string name, string? node, bool delete = false)
    {
        var key = new ObjectKey("/pods", "default", name);
        var json = Encoding.UTF8.GetBytes($"{name}:{node}");
        return log.Append(key, delete, _ => (json, Summarize(key, json))).Committed;
    }
}
