using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class ControllerSelectionTests
{
    [Theory]
    [InlineData("*", "replicaset", true)]
    [InlineData("*,-replicaset", "replicaset", false)]
    [InlineData("*,-replicaset", "deployment", true)]
    [InlineData("deployment", "replicaset", false)]
    [InlineData("deployment", "deployment", true)]
    [InlineData("none", "deployment", false)]
    [InlineData("", "deployment", false)]
    public void The_flag_reads_as_kube_controller_managers(string flag, string controller, bool enabled) =>
        Assert.Equal(enabled, ControllerSelection.Parse(flag).IsEnabled(controller));
}
