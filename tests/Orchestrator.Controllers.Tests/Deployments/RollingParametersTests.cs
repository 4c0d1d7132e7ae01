using Orchestrator.Controllers.Deployments;

namespace Orchestrator.Controllers.Tests.Deployments;

public sealed class RollingParametersTests
{
    [Theory]
    // Surge rounds up, unavailable rounds down: 25% of 10 is 2.5, so 3 and 2.
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 4, 1, 1)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("50%", "0", 3, 2, 0)]
    [InlineData("2", "1", 10, 2, 1)]
    // Both zero would never move: kube lets one pod be unavailable.
    [InlineData("0", "0", 3, 0, 1)]
    [InlineData("0%", "0%", 3, 0, 1)]
    public void Max_surge_and_max_unavailable_resolve_with_kubes_rounding(string surge, string unavailable, int replicas, int expectedSurge, int expectedUnavailable) =>
        Assert.Equal((expectedSurge, expectedUnavailable), RollingParameters.Resolve(surge, unavailable, replicas));
}
