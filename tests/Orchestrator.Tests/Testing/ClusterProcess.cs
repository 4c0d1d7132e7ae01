using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Orchestrator.Tests.Testing;

/// <summary>
/// A real <c>orchestrator up</c> process on a free port with its own data folder, removed on dispose.
/// It can be killed (SIGKILL) or stopped (SIGTERM) and started again on the same folder.
/// </summary>
public sealed class ClusterProcess : IAsyncDisposable
{
    // ORCHESTRATOR_DLL points the tests at another build (an artifacts folder) of the same commit.
    internal static readonly string Dll = Environment.GetEnvironmentVariable("ORCHESTRATOR_DLL") ?? typeof(ClusterProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OrchestratorDll").Value!;

    private readonly StringBuilder _log = new();
    private readonly string[] _extraArguments;
    private Process? _process;

    private ClusterProcess(string dataDir, string[] extraArguments)
    {
        DataDir = dataDir;
        _extraArguments = extraArguments;
    }

    public string DataDir { get; }

    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig");

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <c>orchestrator up</c>; <paramref name="extraArguments"/> (such as <c>--simulated-nodes 3</c>) are passed on every start.</summary>
    public static async Task<ClusterProcess> StartAsync(string? dataDir = null, params string[] extraArguments)
    {
        var cluster = new ClusterProcess(dataDir ?? Directory.CreateTempSubdirectory("orchestrator-test-").FullName, extraArguments);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts the process on <see cref="DataDir"/> and waits until it prints its KUBECONFIG line.</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ORCHESTRATOR_WATCH_BOOKMARK_SECONDS"] = "1";
        // No node agent unless a test asks for one: it would register this machine as a node in every test's cluster.
        string[] agent = _extraArguments.Contains("--agent") ? [] : ["--agent", "none"];
        string[] port = _extraArguments.Contains("--port") ? [] : ["--port", "0"];
        foreach (var arg in new[] { Dll, "up", "--data-dir", DataDir }.Concat(port).Concat(agent).Concat(_extraArguments))
        {
            info.ArgumentList.Add(arg);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.StartsWith("export KUBECONFIG=", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"orchestrator exited with {process.ExitCode} before it was ready:\n{Log}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>kill -9: no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, then wait for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process!;
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned by the OS eventually.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
