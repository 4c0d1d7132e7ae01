using Orchestrator.Agent.Runtime;
using Xunit.Abstractions;

namespace Orchestrator.Agent.Tests.Runtime;

/// <summary>The contract against the real crun, which on a hybrid-cgroup machine runs in a private mount namespace.</summary>
public sealed class CrunRuntimeTests(ITestOutputHelper output) : OciRuntimeContract(output)
{
    protected override OciRuntime CreateOciRuntime(string dataDirectory) => OciRuntime.Crun(dataDirectory);
}
