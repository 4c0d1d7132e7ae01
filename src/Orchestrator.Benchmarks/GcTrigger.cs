using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Induces a full blocking GC in another .NET process, as dotnet-gcdump does: an EventPipe session with the
/// runtime provider's GCHeapCollect keyword (without GCHeapDump, so no heap walk), opened and closed again.
/// </summary>
public static class GcTrigger
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>True when the runtime accepted the session (the GC runs as the session starts).</summary>
    public static async Task<bool> TryInduceAsync(int pid, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var client = new DiagnosticsClient(pid);
            EventPipeProvider[] providers = [new("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)];
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancel.Token);
            await session.StopAsync(cancel.Token);
            return true;
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or TimeoutException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
