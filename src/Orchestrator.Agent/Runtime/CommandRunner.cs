using System.Diagnostics;

namespace Orchestrator.Agent.Runtime;

/// <summary>Runs a command to completion with a deadline, capturing its output.</summary>
internal static class CommandRunner
{
    /// <summary>
    /// Points a command's stdio at a file before exec. Processes the command leaves behind (a container) keep writing
    /// to the file itself, not to a pipe of this process, so their output survives this process.
    /// </summary>
    public const string RedirectScript = "f=$1; shift; exec \"$@\" >>\"$f\" 2>&1 </dev/null";

    public static async Task<CommandResult> RunAsync(
        IReadOnlyList<string> command,
        string? stdioFile,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = stdioFile is null ? command[0] : "/bin/sh",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (stdioFile is not null)
        {
            foreach (var argument in new[] { "-c", RedirectScript, "sh", stdioFile })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in stdioFile is null ? command.Skip(1) : command)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ContainerRuntimeException($"Could not start {command[0]}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            cancellationToken.ThrowIfCancellationRequested();
            throw new ContainerRuntimeException($"'{string.Join(' ', command)}' did not finish within {timeout.TotalSeconds:0} s.");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
