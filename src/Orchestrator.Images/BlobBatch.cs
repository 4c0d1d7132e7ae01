using System.Buffers;
using System.Security.Cryptography;

namespace Orchestrator.Images;

/// <summary>
/// Blobs being added to the store together: each is verified against its digest as it is written to a temporary file,
/// and none becomes visible until <see cref="Commit"/>, so a pull or an import that fails part-way leaves nothing behind.
/// </summary>
internal sealed class BlobBatch : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly ImageStore _store;
    private readonly Dictionary<string, string> _staged = new(StringComparer.Ordinal);

    public BlobBatch(ImageStore store)
    {
        _store = store;
    }

    public bool Has(string digest) => _staged.ContainsKey(digest) || _store.Has(digest);

    /// <summary>Copies <paramref name="content"/> to a temporary file, hashing as it goes; throws if the digest or size is wrong.</summary>
    public async Task<long> AddAsync(Stream content, string digest, long? size, string origin, CancellationToken cancellationToken)
    {
        Digests.Require(digest, origin);
        var temporary = Path.Combine(_store.TemporaryFolder, $"{Digests.Hex(digest)}.{Guid.NewGuid():N}.partial");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    total += read;
                    // A descriptor's size bounds what is read, so a hostile server cannot fill the disk.
                    if (total > size)
                    {
                        throw new DigestMismatchException(digest, $"unknown: more than the {size} bytes the descriptor gives", origin);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                // Durable before it can be renamed into place: a crash must not leave a truncated blob under a good name.
                file.Flush(flushToDisk: true);
            }

            var actual = Digests.Of(hash);
            if (actual != digest)
            {
                throw new DigestMismatchException(digest, actual, origin);
            }

            if (size is { } expected && total != expected)
            {
                throw new InvalidDataException($"{origin}: {total} bytes match digest {digest}, but the descriptor says {expected} bytes");
            }

            if (_staged.Remove(digest, out var previous))
            {
                TryDelete(previous);
            }

            _staged[digest] = temporary;
            return total;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<long> AddAsync(ReadOnlyMemory<byte> content, string digest, string origin, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content.ToArray(), writable: false);
        return await AddAsync(stream, digest, content.Length, origin, cancellationToken);
    }

    public async Task<byte[]> ReadAsync(string digest, CancellationToken cancellationToken) =>
        _staged.TryGetValue(digest, out var path)
            ? await File.ReadAllBytesAsync(path, cancellationToken)
            : await _store.ReadBlobAsync(digest, cancellationToken);

    /// <summary>Moves every staged blob into blobs/sha256; a blob already there (another pull got it first) is kept.</summary>
    public void Commit()
    {
        foreach (var (digest, temporary) in _staged)
        {
            var destination = _store.BlobPath(digest);
            if (File.Exists(destination))
            {
                TryDelete(temporary);
            }
            else
            {
                File.Move(temporary, destination, overwrite: true);
            }
        }

        _staged.Clear();
    }

    public void Dispose()
    {
        foreach (var temporary in _staged.Values)
        {
            TryDelete(temporary);
        }

        _staged.Clear();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leftovers in tmp/ are harmless and swept when the store opens.
        }
    }
}
