using System.Buffers;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Counts the items of a list response while it streams in, token by token across chunks, the way an informer
/// decodes a list without holding the whole body: the LIST figure then measures the server, not a client
/// copying 300 MB into one array.
/// </summary>
public static class ListStreamReader
{
    public static async Task<(int Items, long Bytes)> CountAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var state = new JsonReaderState();
            var carried = 0;
            var items = 0;
            long total = 0;
            var inItems = false;
            var expectItems = false;
            while (true)
            {
                var read = await body.ReadAsync(buffer.AsMemory(carried), cancellationToken);
                total += read;
                var length = carried + read;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: read == 0, state);
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                            expectItems = reader.ValueTextEquals("items"u8);
                            break;
                        case JsonTokenType.StartArray when reader.CurrentDepth == 1 && expectItems:
                            inItems = true;
                            break;
                        case JsonTokenType.EndArray when reader.CurrentDepth == 1:
                            inItems = false;
                            break;
                        case JsonTokenType.StartObject when reader.CurrentDepth == 2 && inItems:
                            items++;
                            break;
                    }
                }
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                carried = length - consumed;
                if (read == 0)
                {
                    return (items, total);
                }
                if (carried == buffer.Length)
                {
                    throw new BenchmarkFailure("a single JSON token in the list is larger than 1 MiB");
                }
                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
