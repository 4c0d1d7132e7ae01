using System.Threading.Channels;

namespace Orchestrator.Storage;

/// <summary>One open watch: the changes that match it, in revision order, until it is disposed or falls too far behind.</summary>
public sealed class Watcher : IDisposable
{
    private readonly ObjectCache _cache;
    private readonly Channel<ChangeEvent> _channel;

    internal Watcher(ObjectCache cache, string resource, string? ns, Func<StoredObject, bool> predicate, int capacity)
    {
        _cache = cache;
        Resource = resource;
        Namespace = ns;
        Predicate = predicate;
        _channel = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    public string Resource { get; }

    public string? Namespace { get; }

    internal Func<StoredObject, bool> Predicate { get; }

    /// <summary>The changes; the reader completes with an exception if the watcher was cut off as too slow.</summary>
    public ChannelReader<ChangeEvent> Events => _channel.Reader;

    /// <summary>True when every change up to the cache's current revision has been handed to <see cref="Events"/> and read.</summary>
    public bool IsCaughtUp(out long revision)
    {
        revision = _cache.Revision;
        return _channel.Reader.Count == 0;
    }

    internal void Offer(ChangeEvent change)
    {
        var matchesNow = Predicate(change.Object);
        var matchedBefore = change.Previous is { } previous && Predicate(previous);
        ChangeEvent? translated = (change.Type, matchesNow, matchedBefore) switch
        {
            (WatchEventType.Deleted, _, true) => change,
            (WatchEventType.Deleted, _, false) => null,
            (_, true, true) => change with { Type = WatchEventType.Modified },
            (_, true, false) => change with { Type = WatchEventType.Added },
            (_, false, true) => change with { Type = WatchEventType.Deleted },
            _ => null,
        };
        if (translated is not null && !_channel.Writer.TryWrite(translated))
        {
            _channel.Writer.TryComplete(new WatcherTooSlowException());
            _cache.Remove(this);
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _cache.Remove(this);
        _channel.Writer.TryComplete();
    }
}
