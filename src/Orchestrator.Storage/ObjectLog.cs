using System.Threading.Channels;

namespace Orchestrator.Storage;

/// <summary>
/// The single ordered log every write goes through, as etcd is for Kubernetes: it hands out the global
/// resourceVersion, commits in batches on one writer thread, applies each committed batch to the
/// <see cref="ObjectCache"/> and only then acknowledges the writes, so an acknowledged write is durable
/// and visible to every later read.
/// </summary>
public sealed class ObjectLog : IAsyncDisposable
{
    private const int MaxBatch = 4096;

    private readonly IObjectLogBackend _backend;
    private readonly ObjectCache _cache;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Lock _order = new();
    private readonly Task _writer;
    private long _revision;

    private ObjectLog(IObjectLogBackend backend, ObjectCache cache, long revision)
    {
        _backend = backend;
        _cache = cache;
        _revision = revision;
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The cache this log feeds.</summary>
    public ObjectCache Cache => _cache;

    /// <summary>Total writes committed and batches used, for metrics and the benchmark.</summary>
    public (long Writes, long Batches) Stats => (Interlocked.Read(ref _writes), Interlocked.Read(ref _batches));

    private long _writes;
    private long _batches;

    /// <summary>Loads every stored object into a new cache and starts the writer.</summary>
    public static ObjectLog Open(IObjectLogBackend backend, Func<ObjectKey, byte[], ObjectSummary> summarize, ObjectCacheOptions? options = null)
    {
        var revision = backend.LoadRevision();
        var loaded = backend.LoadAll()
            .AsParallel()
            .Select(row => new StoredObject(row.Key, row.Revision, row.Json, summarize(row.Key, row.Json)))
            .ToList();
        var cache = new ObjectCache(revision, options ?? new ObjectCacheOptions());
        cache.Load(loaded);
        return new ObjectLog(backend, cache, revision);
    }

    /// <summary>
    /// Appends a write. <paramref name="build"/> runs under the ordering lock with the write's revision, so it
    /// must be quick: it stamps the revision into the object. <see cref="PendingWrite.Committed"/> completes once
    /// the write is durable.
    /// </summary>
    public PendingWrite Append(ObjectKey key, bool delete, Func<long, (byte[] Json, ObjectSummary Summary)> build)
    {
        PendingWrite write;
        lock (_order)
        {
            var revision = _revision + 1;
            var (json, summary) = build(revision);
            write = new PendingWrite(new StoredObject(key, revision, json, summary), delete);
            if (!_queue.Writer.TryWrite(write))
            {
                throw new ObjectDisposedException(nameof(ObjectLog), "the object log is shut down");
            }
            _revision = revision;
        }
        return write;
    }

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            try
            {
                _backend.Commit(batch, batch[^1].Object.Revision);
                _cache.Apply(batch);
                Interlocked.Add(ref _writes, batch.Count);
                Interlocked.Increment(ref _batches);
                foreach (var write in batch)
                {
                    write.Done.SetResult(write.Object);
                }
            }
            catch (Exception e)
            {
                // Nothing in a failed batch was acknowledged; callers see the failure and the grains reload.
                foreach (var write in batch)
                {
                    write.Done.TrySetException(new StorageException($"storage write failed: {e.Message}", e));
                }
            }
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _cache.Close();
        _backend.Dispose();
    }
}
