using System.Diagnostics;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Node;

/// <summary>nodeInfo.containerRuntimeVersion: <c>runc://1.1.5</c>, <c>crun://1.8.1</c>, or <c>process://no-isolation</c> so users see there is none.</summary>
public static class RuntimeVersion
{
    public const string Process = "process://no-isolation";

    /// <summary>Asks the runtime binary (<c>runc --version</c>); unknown when it cannot say.</summary>
    public static async Task<string> DetectAsync(string runtimeName, CancellationToken cancellationToken)
    {
        if (runtimeName == "process")
        {
            return Process;
        }
        try
        {
            var start = new ProcessStartInfo(ExecutableFinder.Find(runtimeName) ?? runtimeName, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(start);
            if (process is null)
            {
                return Parse(runtimeName, "");
            }
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return Parse(runtimeName, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Parse(runtimeName, "");
        }
    }

    /// <summary>From "runc version 1.1.5+ds1" (the first line of --version) to "runc://1.1.5+ds1".</summary>
    public static string Parse(string runtimeName, string versionOutput)
    {
        var first = versionOutput.Split('\n')[0].Trim();
        var marker = "version ";
        var at = first.IndexOf(marker, StringComparison.Ordinal);
        var version = at >= 0 ? first[(at + marker.Length)..].Trim() : "";
        return $"{runtimeName}://{(version.Length > 0 ? version : "unknown")}";
    }
}
