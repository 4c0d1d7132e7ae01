using System.Diagnostics;

namespace Orchestrator.Hosting;

/// <summary>
/// The node agent of <c>up</c>: <c>orchestrator agent</c> for this machine, started as a child process once the API
/// answers. A separate process on purpose: the agent adopts container processes (it is their subreaper) and may be
/// restarted on its own, as a kubelet is, without the containers or the server noticing.
/// </summary>
public sealed class EmbeddedAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenRegistration _onStopping;

    private EmbeddedAgent(Process process, CancellationToken stopping)
    {
        _process = process;

        // SIGTERM as soon as the server begins to stop, while the API still answers: the agent then closes its watch
        // at once, instead of retrying against a server that waits for that watch to end.
        _onStopping = stopping.Register(Terminate);
    }

    /// <summary>Starts the agent unless <paramref name="runtime"/> is "none"; its output goes to stderr as "agent: ..." lines.</summary>
    public static EmbeddedAgent? Start(string runtime, string dataDir, string kubeconfig, CancellationToken stopping)
    {
        if (runtime == "none")
        {
            return null;
        }

        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in SelfCommand())
        {
            info.ArgumentList.Add(arg);
        }

        info.FileName = info.ArgumentList[0];
        info.ArgumentList.RemoveAt(0);
        foreach (var arg in new[]
        {
            "agent", "--kubeconfig", kubeconfig, "--node-name", Environment.MachineName.ToLowerInvariant(),
            "--runtime", runtime, "--data-dir", Path.Combine(dataDir, "agent"),

            // A free port rather than the kubelet's 10250, so several clusters can run on one machine.
            "--log-port", "0",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new EmbeddedAgent(process, stopping);
    }

    /// <summary>Stops the agent with SIGTERM (its containers keep running, as a stopped kubelet's do) and waits up to 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        await _onStopping.DisposeAsync();
        Terminate();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("orchestrator: the node agent did not stop within 10 s of SIGTERM; killing it");
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Terminate()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
    }

    // How this process was started: the apphost alone, or `dotnet orchestrator.dll`.
    private static IEnumerable<string> SelfCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(EmbeddedAgent).Assembly.Location;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, dll] : [host];
    }

    private static void Forward(string? line)
    {
        if (line is not null)
        {
            Console.Error.WriteLine("agent: " + line);
        }
    }
}
