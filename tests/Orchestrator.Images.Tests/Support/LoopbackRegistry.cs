using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Images.Tests.Support;

/// <summary>
/// A real registry, Debian's docker-registry (the CNCF distribution registry), on a free loopback port with its
/// storage in a temporary folder; disposing it stops the process and deletes the folder.
/// </summary>
public sealed class LoopbackRegistry : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly TempFolder _folder;

    private LoopbackRegistry(Process process, TempFolder folder, string address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    /// <summary>host:port, as an image reference names the registry.</summary>
    public string Address { get; }

    public string StorageRoot => _folder["storage"];

    /// <summary>Where the registry's filesystem driver keeps a blob's bytes (manifests are blobs there too).</summary>
    public string BlobDataPath(string digest) =>
        Path.Join(StorageRoot, "docker", "registry", "v2", "blobs", "sha256", digest[7..9], digest[7..], "data");

    public static async Task<LoopbackRegistry> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: these tests run a real registry on loopback. Install it with `apt-get install -y docker-registry`");
        }

        var folder = new TempFolder();
        var port = FreePort();
        var address = $"127.0.0.1:{port}";
        var config = folder["config.yml"];
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: info
            storage:
              filesystem:
                rootdirectory: {folder["storage"]}
              delete:
                enabled: true
              maintenance:
                uploadpurging:
                  enabled: false
            http:
              addr: {address}
              secret: orchestrator-images-tests
            """);

        var start = new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // REGISTRY_* variables override the config file; a developer's own must not leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("REGISTRY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data.Contains($"listening on {address}", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"docker-registry exited with {process.ExitCode}:\n{log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var registry = new LoopbackRegistry(process, folder, address);
        try
        {
            // The registry logs "listening on" once its socket is bound: an event to await, not a port to poll.
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        _folder.Dispose();
    }

    /// <summary>A port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
