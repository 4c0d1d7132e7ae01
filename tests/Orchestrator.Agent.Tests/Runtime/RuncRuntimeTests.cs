using Orchestrator.Agent.Runtime;
using Xunit.Abstractions;

namespace Orchestrator.Agent.Tests.Runtime;

/// <summary>The contract against the real runc; fails, never skips, when runc is missing.</summary>
public sealed class RuncRuntimeTests(ITestOutputHelper output) : OciRuntimeContract(output)
{
    protected override OciRuntime CreateOciRuntime(string dataDirectory) => OciRuntime.Runc(dataDirectory);
}
