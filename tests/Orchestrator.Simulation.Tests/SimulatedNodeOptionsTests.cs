namespace Orchestrator.Simulation.Tests;

public sealed class SimulatedNodeOptionsTests
{
    [Fact]
    public void The_defaults_are_a_kwok_like_node_and_valid()
    {
        var options = new SimulatedNodeOptions { Count = 5000 };

        Assert.Empty(options.Validate());
        Assert.Equal(("sim-", "32", "128Gi", 110, 3), (options.NamePrefix, options.Cpu, options.Memory, options.Pods, options.Zones));
        Assert.Equal((TimeSpan.FromSeconds(2.5), 10), (options.HeartbeatInterval, options.LeaseDurationSeconds));
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2.5, 10)]
    [InlineData(10, 40)]
    [InlineData(0.1, 1)]
    public void The_lease_lasts_four_heartbeats_as_the_kubelets_forty_seconds_are_four_renewals(double heartbeatSeconds, int leaseSeconds)
    {
        var options = new SimulatedNodeOptions { HeartbeatInterval = TimeSpan.FromSeconds(heartbeatSeconds) };

        Assert.Equal(leaseSeconds, options.LeaseDurationSeconds);
    }

    [Theory]
    [InlineData("32", "32")]
    [InlineData("500m", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("128Gi", "128Gi")]
    [InlineData("1e3", "1e3")]
    public void A_positive_quantity_parses_to_its_canonical_form(string text, string canonical)
    {
        var quantity = SimulatedNodeOptions.ParseQuantity(text);

        Assert.NotNull(quantity);
        Assert.Equal(canonical, quantity.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12Gb")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData(" 4")]
    public void A_malformed_or_non_positive_quantity_is_refused(string text)
    {
        Assert.Null(SimulatedNodeOptions.ParseQuantity(text));
    }

    [Fact]
    public void Every_problem_is_reported_in_a_sentence_naming_the_value()
    {
        var options = new SimulatedNodeOptions { Count = -1, NamePrefix = "Sim_", Cpu = "lots", Memory = "0", Pods = 0, Zones = 0 };

        var errors = options.Validate();

        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Contains("got -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"Sim_\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("cpu \"lots\" is not a positive Kubernetes quantity", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("memory \"0\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("pods a simulated node holds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("zones must be at least 1", StringComparison.Ordinal));
    }

    [Fact]
    public void More_nodes_than_the_pod_network_has_subnets_for_are_refused()
    {
        var errors = new SimulatedNodeOptions { Count = SimulatedNodeOptions.MaxCount + 1 }.Validate();

        Assert.Single(errors);
    }
}
