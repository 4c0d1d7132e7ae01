using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Induces a full blocking GC in another .NET process, as dotnet-gcdump does, by opening an EventPipe session
/// with the runtime provider's GCHeapCollect keyword over the diagnostics IPC socket, then stopping it. No heap
/// walk is asked for (no GCHeapDump keyword), so the cost is one GC.
/// </summary>
public static class GcTrigger
{
    private const ulong GcKeyword = 0x1;
    private const ulong GcHeapCollectKeyword = 0x800000;
    private const byte EventPipeCommands = 0x02;
    private const byte StopTracing = 0x01;
    private const byte CollectTracing2 = 0x03;

    /// <summary>True when the runtime accepted the session (the GC runs as the session starts).</summary>
    public static async Task<bool> TryInduceAsync(int pid, TimeSpan timeout)
    {
        var path = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{pid}-*-socket").FirstOrDefault();
        if (path is null)
        {
            return false;
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var session = await ConnectAsync(path, cancel.Token);
            var payload = new List<byte>();
            AddUInt32(payload, 16);     // circular buffer, MB
            AddUInt32(payload, 1);      // nettrace format
            payload.Add(0);             // no rundown
            AddUInt32(payload, 1);      // one provider
            payload.AddRange(BitConverter.GetBytes(GcKeyword | GcHeapCollectKeyword));
            AddUInt32(payload, 4);      // informational
            AddString(payload, "Microsoft-Windows-DotNETRuntime");
            AddString(payload, null);
            var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(await CallAsync(session, CollectTracing2, payload, cancel.Token));
            var drain = DrainAsync(session, cancel.Token);

            using var control = await ConnectAsync(path, cancel.Token);
            var stop = new List<byte>(BitConverter.GetBytes(sessionId));
            await CallAsync(control, StopTracing, stop, cancel.Token);
            await drain;
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            Console.Error.WriteLine($"  (could not induce a GC over the diagnostics socket: {e.Message})");
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        return socket;
    }

    /// <summary>Sends one IPC message and returns the payload of an OK reply.</summary>
    private static async Task<byte[]> CallAsync(Socket socket, byte command, List<byte> payload, CancellationToken cancellationToken)
    {
        var message = new List<byte>(Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0"));
        message.AddRange(BitConverter.GetBytes((ushort)(20 + payload.Count)));
        message.Add(EventPipeCommands);
        message.Add(command);
        message.AddRange(new byte[2]);
        message.AddRange(payload);
        await socket.SendAsync(message.ToArray(), cancellationToken);
        var header = await ReceiveExactlyAsync(socket, 20, cancellationToken);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        var body = await ReceiveExactlyAsync(socket, size - 20, cancellationToken);
        if (header[16] != 0xFF || header[17] != 0x00)
        {
            throw new InvalidDataException($"the runtime refused the diagnostics command (reply {header[16]:x2}/{header[17]:x2})");
        }
        return body;
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), cancellationToken);
            read += n == 0 ? throw new IOException("the diagnostics socket closed early") : n;
        }
        return buffer;
    }

    private static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (await socket.ReceiveAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private static void AddUInt32(List<byte> bytes, uint value) => bytes.AddRange(BitConverter.GetBytes(value));

    private static void AddString(List<byte> bytes, string? value)
    {
        if (value is null)
        {
            AddUInt32(bytes, 0);
            return;
        }
        AddUInt32(bytes, (uint)(value.Length + 1));
        bytes.AddRange(Encoding.Unicode.GetBytes(value + "\0"));
    }
}
