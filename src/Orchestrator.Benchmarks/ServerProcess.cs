using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orchestrator.Benchmarks;

/// <summary>One <c>dotnet orchestrator.dll up</c> child process: started on a data folder, ready once it prints its export line.</summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int Sigterm = 15;
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _tail = new();

    private ServerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>The "loaded the store ... in X s" line, as the server printed it.</summary>
    public string? LoadedLine { get; private set; }

    /// <summary>The server's last lines on stderr, for a failure report.</summary>
    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    /// <summary>Starts the server and waits until it prints <c>export KUBECONFIG=...</c>.</summary>
    public static async Task<(ServerProcess Server, ServerConnection Connection)> StartAsync(
        string serverDll, string dataDir, TimeSpan timeout, IEnumerable<string>? extraArgs = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { serverDll, "up", "--data-dir", dataDir, "--port", "0", "--agent", "none" }.Concat(extraArgs ?? []))
        {
            info.ArgumentList.Add(arg);
        }
        var server = new ServerProcess(Process.Start(info) ?? throw new BenchmarkFailure("could not start dotnet"));
        server._process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnError(e.Data);
        server._process.EnableRaisingEvents = true;
        server._process.Exited += (_, _) => server._ready.TrySetException(
            new BenchmarkFailure($"the server exited with code {server._process.ExitCode} before it was ready:{Environment.NewLine}{server.Tail}"));
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            var kubeconfig = await server._ready.Task.WaitAsync(timeout);
            return (server, ServerConnection.Load(kubeconfig));
        }
        catch (TimeoutException)
        {
            server.Dispose();
            throw new BenchmarkFailure($"the server printed no export line within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{server.Tail}");
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM and waits for a clean exit; returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        if (Kill(_process.Id, Sigterm) != 0)
        {
            throw new BenchmarkFailure($"kill(SIGTERM) failed for pid {_process.Id}");
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new BenchmarkFailure($"the server did not exit within {timeout.TotalSeconds:F0} s of SIGTERM:{Environment.NewLine}{Tail}");
        }
        if (_process.ExitCode != 0)
        {
            throw new BenchmarkFailure($"the server exited with code {_process.ExitCode} after SIGTERM:{Environment.NewLine}{Tail}");
        }
        return started.Elapsed;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        const string Export = "export KUBECONFIG=";
        if (line is not null && line.StartsWith(Export, StringComparison.Ordinal))
        {
            _ready.TrySetResult(line[Export.Length..].Trim());
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains("loaded the store", StringComparison.Ordinal))
        {
            LoadedLine = line;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
