using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// One <c>dotnet orchestrator.dll agent --runtime runc</c> child process: the node agent under test, joined to the
/// benchmark's server through its kubeconfig. Stopped with SIGTERM, as <c>up</c> stops its own agent.
/// </summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private AgentProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The agent's last lines (it writes to stderr only when something happens), for a failure report.</summary>
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

    public static AgentProcess Start(string serverDll, string kubeconfig, string nodeName, string dataDir)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            serverDll, "agent", "--kubeconfig", kubeconfig, "--node-name", nodeName, "--runtime", "runc", "--data-dir", dataDir, "--log-port", "0",
        })
        {
            info.ArgumentList.Add(arg);
        }
        var agent = new AgentProcess(Process.Start(info) ?? throw new BenchmarkFailure("could not start the agent"));
        agent._process.OutputDataReceived += (_, e) => agent.Keep(e.Data);
        agent._process.ErrorDataReceived += (_, e) => agent.Keep(e.Data);
        agent._process.BeginOutputReadLine();
        agent._process.BeginErrorReadLine();
        return agent;
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
            throw new BenchmarkFailure($"the agent did not exit within {timeout.TotalSeconds:F0} s of SIGTERM:{Environment.NewLine}{Tail}");
        }
        return _process.ExitCode == 0
            ? clock.Elapsed
            : throw new BenchmarkFailure($"the agent exited with code {_process.ExitCode} after SIGTERM:{Environment.NewLine}{Tail}");
    }

    /// <summary>SIGTERM and up to 10 s, then SIGKILL of the agent alone: its containers are its children, and are removed with runc afterwards.</summary>
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
