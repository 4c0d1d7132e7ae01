using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class OciRuntimeTests
{
    [Fact]
    public void A_missing_runtime_binary_fails_with_the_command_that_installs_it()
    {
        var options = new OciRuntimeOptions { DataDirectory = Path.GetTempPath(), Binary = "no-such-runtime" };

        var error = Assert.Throws<ContainerRuntimeException>(() => new OciRuntime(options));

        Assert.Contains("apt-get install -y no-such-runtime", error.Message, StringComparison.Ordinal);
    }
}
