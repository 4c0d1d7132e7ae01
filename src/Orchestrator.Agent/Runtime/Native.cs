using System.Runtime.InteropServices;

namespace Orchestrator.Agent.Runtime;

/// <summary>The libc calls .NET does not wrap: becoming a subreaper, reaping a pid it did not start, raw signals.</summary>
internal static partial class Native
{
    public const int PrSetChildSubreaper = 36;
    public const int EIntr = 4;
    public const int ESrch = 3;
    public const int EChild = 10;

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
