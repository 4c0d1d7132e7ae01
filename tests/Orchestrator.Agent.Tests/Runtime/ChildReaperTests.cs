using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class ChildReaperTests
{
    [Theory]
    // exit(0) and exit(3): the code sits in bits 8..15 of the wait status.
    [InlineData(0x0000, 0)]
    [InlineData(0x0300, 3)]
    [InlineData(0xff00, 255)]
    // Killed by SIGKILL (9) or SIGTERM (15): the signal sits in the low 7 bits; reported as 128 + signal.
    [InlineData(9, 137)]
    [InlineData(15, 143)]
    // SIGKILL with the core-dump bit (0x80) set is still 137.
    [InlineData(0x89, 137)]
    public void A_wait_status_becomes_the_exit_code_a_shell_would_show(int status, int exitCode)
    {
        Assert.Equal(exitCode, ChildReaper.ExitCode(status));
    }
}
