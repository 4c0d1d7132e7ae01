using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>Runs a short-lived command (dotnet, runc, cp, find) to completion with a deadline and captures its output.</summary>
public static class ChildCommand
{
    /// <summary>
    /// The agent's way of starting <c>runc create</c>: the command's stdio pointed at a file before exec, so the container
    /// that inherits it writes to the file and holds no pipe of this process open.
    /// </summary>
    public const string RedirectScript = "f=$1; shift; exec \"$@\" >>\"$f\" 2>&1 </dev/null";

    private static readonly string[] SbinFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = Start(file, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkFailure($"`{Describe(file, arguments)}` did not finish within {timeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the command and returns its stdout; a non-zero exit is a <see cref="BenchmarkFailure"/>.</summary>
    public static async Task<string> CheckedAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (exitCode, stdout, stderr) = await RunAsync(file, arguments, timeout);
        return exitCode == 0
            ? stdout
            : throw new BenchmarkFailure($"`{Describe(file, arguments)}` exited with code {exitCode}: {(stderr + stdout).Trim()}");
    }

    /// <summary>The blocking form, for cleanup from a signal handler or Dispose, where nothing may be awaited.</summary>
    public static (int ExitCode, string Output) Run(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = Start(file, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"did not finish within {timeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    /// <summary>The full path of a program on PATH or in the sbin folders (where runc lives on Debian), or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SbinFolders)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static Process Start(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new BenchmarkFailure($"could not start {file}");
        process.StandardInput.Close();
        return process;
    }

    private static string Describe(string file, IReadOnlyList<string> arguments) => string.Join(' ', arguments.Prepend(file));
}
