namespace Orchestrator.Storage.Tests;

public sealed class ObjectLogTests
{
    [Fact]
    public async Task Committed_writes_are_read_back_after_reopening_with_their_revisions()
    {
        using var folder = new StoreFolder();
        long deletedAt;
        await using (var log = folder.Open())
        {
            await StoreFolder.WriteAsync(log, "a", "one");
            await StoreFolder.WriteAsync(log, "a", "two");
            await StoreFolder.WriteAsync(log, "b", "one");
            deletedAt = (await StoreFolder.WriteAsync(log, "a", "two", delete: true)).Revision;
        }

        await using var reopened = folder.Open();

        // Three writes and a delete: the delete's revision (4) is remembered even though no row carries it.
        Assert.Equal(4, deletedAt);
        Assert.Equal(4, reopened.Cache.Revision);
        Assert.Equal(1, reopened.Cache.Get(new ObjectKey("/things", "a", "one"))!.Revision);
        Assert.Null(reopened.Cache.Get(new ObjectKey("/things", "a", "two")));
        Assert.Equal(3, reopened.Cache.Get(new ObjectKey("/things", "b", "one"))!.Revision);
        Assert.Equal(5, (await StoreFolder.WriteAsync(reopened, "c", "new")).Revision);
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_increasing_revisions_and_share_commits()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open();

        var writes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(() => StoreFolder.WriteAsync(log, "ns", $"o{i}"))));

        Assert.Equal(2000, writes.Select(w => w.Revision).Distinct().Count());
        Assert.Equal(2000, writes.Max(w => w.Revision));
        var (written, batches) = log.Stats;
        Assert.Equal(2000, written);
        // Group commit: many writes ride on each durable transaction.
        Assert.True(batches < 2000, $"expected fewer commits than writes, got {batches}");
    }

    [Fact]
    public async Task Lists_page_in_key_order_within_a_namespace()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open();
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            await StoreFolder.WriteAsync(log, "ns", name);
        }
        await StoreFolder.WriteAsync(log, "other", "a");

        var first = log.Cache.List("/things", "ns", _ => true, limit: 2);
        var second = log.Cache.List("/things", "ns", _ => true, limit: 2, continueAfter: first.ContinueAfter);
        var last = log.Cache.List("/things", "ns", _ => true, limit: 2, continueAfter: second.ContinueAfter);
        var everywhere = log.Cache.List("/things", null, _ => true);

        Assert.Equal(["a", "b"], first.Items.Select(i => i.Key.Name));
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Key.Name));
        Assert.Equal(["e"], last.Items.Select(i => i.Key.Name));
        Assert.Null(last.ContinueAfter);
        Assert.Equal(["ns/a", "ns/b", "ns/c", "ns/d", "ns/e", "other/a"], everywhere.Items.Select(i => i.Key.SortKey));
    }
}
