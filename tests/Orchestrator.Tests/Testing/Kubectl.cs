using System.Diagnostics;

namespace Orchestrator.Tests.Testing;

/// <summary>Runs the real kubectl (on PATH) against a cluster, with its own discovery cache so API changes are seen.</summary>
public sealed class Kubectl(ClusterProcess cluster)
{
    private readonly string _cacheDir = Path.Combine(cluster.DataDir, "kubectl-cache");

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public Result Succeeded()
        {
            Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}):\n{Output}\n{Error}");
            return this;
        }
    }

    public Task<Result> RunAsync(params string[] args) => RunCoreAsync(null, args);

    /// <summary>Runs kubectl with <paramref name="stdin"/> as its standard input (for <c>apply -f -</c>).</summary>
    public Task<Result> RunWithInputAsync(string stdin, params string[] args) => RunCoreAsync(stdin, args);

    private async Task<Result> RunCoreAsync(string? stdin, string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        info.Environment["KUBECONFIG"] = cluster.Kubeconfig;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // After the subcommand: kubectl refuses flags placed before it (it might be a plugin name).
        info.ArgumentList.Add("--cache-dir=" + _cacheDir);
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (such as <c>get -w</c>) and returns it with its output so far.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["KUBECONFIG"] = cluster.Kubeconfig;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // After the subcommand: kubectl refuses flags placed before it (it might be a plugin name).
        info.ArgumentList.Add("--cache-dir=" + _cacheDir);
        return Process.Start(info)!;
    }
}
