using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// One long-running <c>dotnet orchestrator.dll &lt;command&gt;</c> child joined to the benchmark's server through its
/// kubeconfig: a node agent, or an <c>orchestrator simulate</c> process whose nodes die with it. Stopped with SIGTERM,
/// as <c>up</c> stops its own agent, or killed outright to play a machine that vanishes.
/// </summary>
public sealed class OrchestratorProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private OrchestratorProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The child's last lines (it writes to stderr only when something happens), for a failure report.</summary>
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

    /// <summary>The node agent under test: <c>agent --runtime runc</c> on its own data folder, logs on a free port.</summary>
    public static OrchestratorProcess StartAgent(string serverDll, string kubeconfig, string nodeName, string dataDir) => Start(
        serverDll,
        ["agent", "--kubeconfig", kubeconfig, "--node-name", nodeName, "--runtime", "runc", "--data-dir", dataDir, "--log-port", "0"]);

    /// <summary>Starts <c>dotnet <paramref name="serverDll"/> <paramref name="arguments"/></c>, keeping its last lines.</summary>
    public static OrchestratorProcess Start(string serverDll, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        foreach (var arg in arguments)
        {
            info.ArgumentList.Add(arg);
        }
        var child = new OrchestratorProcess(Process.Start(info) ?? throw new BenchmarkFailure($"could not start orchestrator {arguments[0]}"));
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL: the process and everything it was doing vanish at once, as a machine that loses power.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, then waits for a clean exit (its containers, if any were left, would keep running); returns how long it took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Terminate();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new BenchmarkFailure($"the child did not exit within {timeout.TotalSeconds:F0} s of SIGTERM:{Environment.NewLine}{Tail}");
        }
        return _process.ExitCode == 0
            ? clock.Elapsed
            : throw new BenchmarkFailure($"the child exited with code {_process.ExitCode} after SIGTERM:{Environment.NewLine}{Tail}");
    }

    /// <summary>SIGTERM and up to 10 s, then SIGKILL of the child alone: an agent's containers are its children, and are removed with runc afterwards.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Terminate();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: false);
                    _process.WaitForExit(10_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Terminate() =>
        ChildCommand.Run("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
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
}
