using System.Diagnostics;
using System.Text;

namespace Orchestrator.Tests.Testing;

/// <summary>The real <c>orchestrator</c> command line as a process: one-shot commands, and long-running ones such as <c>agent</c>.</summary>
public sealed class OrchestratorCli : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OrchestratorCli(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>For signals a test sends itself (SIGSTOP and SIGCONT to make a simulator's nodes fall silent and return).</summary>
    public int ProcessId => _process.Id;

    public static async Task<string> RunAsync(params string[] args)
    {
        await using var cli = Start(args);
        await cli._process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(cli._process.ExitCode == 0, $"orchestrator {string.Join(' ', args)} failed ({cli._process.ExitCode}):\n{cli.Output}");
        return cli.Output;
    }

    public static OrchestratorCli Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ClusterProcess.Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var cli = new OrchestratorCli(process);
        process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>SIGTERM, as systemd or <c>up</c> stops an agent, then waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
