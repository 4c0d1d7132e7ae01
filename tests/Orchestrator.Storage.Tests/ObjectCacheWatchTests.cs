namespace Orchestrator.Storage.Tests;

public sealed class ObjectCacheWatchTests
{
    private static async Task<List<(WatchEventType Type, string Name, long Revision)>> DrainAsync(Watcher watcher, int count)
    {
        var events = new List<(WatchEventType, string, long)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (events.Count < count)
        {
            var change = await watcher.Events.ReadAsync(timeout.Token);
            events.Add((change.Type, change.Object.Key.Name, change.Revision));
        }
        return events;
    }

    [Fact]
    public async Task A_watch_from_a_revision_replays_every_later_change_then_follows_new_ones()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open();
        await StoreFolder.WriteAsync(log, "ns", "a");
        var listedAt = log.Cache.Revision;
        await StoreFolder.WriteAsync(log, "ns", "b");
        await StoreFolder.WriteAsync(log, "ns", "a", delete: true);

        using var watcher = log.Cache.Watch("/things", "ns", _ => true, listedAt);
        await StoreFolder.WriteAsync(log, "ns", "c");

        Assert.Equal(
            [(WatchEventType.Added, "b", 2), (WatchEventType.Deleted, "a", 3), (WatchEventType.Added, "c", 4)],
            await DrainAsync(watcher, 3));
    }

    [Fact]
    public async Task A_watch_without_a_revision_starts_with_the_current_objects_as_added()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open();
        await StoreFolder.WriteAsync(log, "ns", "a");
        await StoreFolder.WriteAsync(log, "ns", "a");
        await StoreFolder.WriteAsync(log, "other", "x");

        using var watcher = log.Cache.Watch("/things", "ns", _ => true, fromRevision: null);

        Assert.Equal([(WatchEventType.Added, "a", 2)], await DrainAsync(watcher, 1));
    }

    [Fact]
    public async Task A_revision_that_has_left_the_window_is_gone()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open(new ObjectCacheOptions(WindowSize: 3));
        for (var i = 0; i < 5; i++)
        {
            await StoreFolder.WriteAsync(log, "ns", $"o{i}");
        }

        // Revisions 3, 4 and 5 are in the window: a watch from 2 resumes, from 1 it cannot.
        using var resumed = log.Cache.Watch("/things", null, _ => true, fromRevision: 2);
        var gone = Assert.Throws<WatchGoneException>(() => log.Cache.Watch("/things", null, _ => true, fromRevision: 1));

        Assert.Equal(3, (await DrainAsync(resumed, 3)).Count);
        Assert.Equal("too old resource version: 1 (3)", gone.Message);
    }

    [Fact]
    public async Task A_selector_watch_sees_objects_enter_and_leave_the_selection()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open();
        using var watcher = log.Cache.Watch("/things", "ns", o => o.Summary.Labels?.GetValueOrDefault("app") == "web", fromRevision: 0);

        await StoreFolder.WriteAsync(log, "ns", "p", "db");
        await StoreFolder.WriteAsync(log, "ns", "p", "web");
        await StoreFolder.WriteAsync(log, "ns", "p", "web");
        await StoreFolder.WriteAsync(log, "ns", "p", "db");

        // Not matching, then matching (ADDED), still matching (MODIFIED), no longer matching (DELETED).
        Assert.Equal(
            [(WatchEventType.Added, "p", 2), (WatchEventType.Modified, "p", 3), (WatchEventType.Deleted, "p", 4)],
            await DrainAsync(watcher, 3));
    }

    [Fact]
    public async Task A_watcher_that_does_not_read_is_cut_off_instead_of_holding_memory()
    {
        using var folder = new StoreFolder();
        await using var log = folder.Open(new ObjectCacheOptions(WatcherBuffer: 2));
        using var watcher = log.Cache.Watch("/things", null, _ => true, fromRevision: 0);

        for (var i = 0; i < 4; i++)
        {
            await StoreFolder.WriteAsync(log, "ns", $"o{i}");
        }

        await Assert.ThrowsAsync<WatcherTooSlowException>(async () =>
        {
            while (await watcher.Events.WaitToReadAsync())
            {
                watcher.Events.TryRead(out _);
            }
        });
    }
}
