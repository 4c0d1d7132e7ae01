using System.Runtime.InteropServices;

namespace Orchestrator.Agent.Runtime;

/// <summary>Collects the exit status of container processes that this process adopts.</summary>
/// <remarks>
/// An OCI runtime's <c>create</c> exits and leaves the container's first process behind; whoever reaps it learns its
/// exit code. containerd and CRI-O put a shim (containerd-shim, conmon) in between for that. Here this process is
/// the shim: as a child subreaper it adopts the orphan, and one small thread per container blocks in waitpid on
/// exactly that pid, so children that System.Diagnostics.Process started and reaps are never taken from it.
/// The price: exit codes of containers that outlive this process are lost, which a separate shim would keep.
/// </remarks>
internal static class ChildReaper
{
    private const int StackSize = 64 * 1024;
    private const int AdoptionAttempts = 100;

    private static readonly Lazy<bool> Subreaper = new(BecomeSubreaper);

    public static void EnsureSubreaper() => _ = Subreaper.Value;

    /// <summary>Completes with the exit code, 128 + the signal number when a signal ended the process.</summary>
    public static Task<int> WaitAsync(int pid)
    {
        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    exit.SetResult(Wait(pid));
                }
                catch (Exception exception)
                {
                    exit.SetException(exception);
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = $"reap {pid}",
        };
        thread.Start();
        return exit.Task;
    }

    internal static int ExitCode(int status) => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);

    private static int Wait(int pid)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (Native.WaitPid(pid, out var status, 0) == pid)
            {
                return ExitCode(status);
            }
            var error = Marshal.GetLastPInvokeError();
            if (error == Native.EIntr)
            {
                continue;
            }
            // Adoption happens when the process's parent exits; should the runtime's intermediate process outlive
            // the command by a moment, the pid is briefly not ours yet.
            if (error == Native.EChild && attempt < AdoptionAttempts)
            {
                Thread.Sleep(10);
                continue;
            }
            throw new ContainerRuntimeException(
                $"waitpid({pid}) failed with errno {error}: the container's process is not a child of this process, so its exit code is lost.");
        }
    }

    private static bool BecomeSubreaper()
    {
        if (Native.Prctl(Native.PrSetChildSubreaper, 1, 0, 0, 0) != 0)
        {
            throw new ContainerRuntimeException(
                $"prctl(PR_SET_CHILD_SUBREAPER) failed with errno {Marshal.GetLastPInvokeError()}; without it container exit codes cannot be collected.");
        }
        return true;
    }
}
