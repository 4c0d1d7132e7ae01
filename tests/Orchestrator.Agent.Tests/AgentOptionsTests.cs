using Orchestrator.Agent.Node;

namespace Orchestrator.Agent.Tests;

public sealed class AgentOptionsTests
{
    private static readonly AgentOptions Valid = new() { NodeName = "worker-1", DataDirectory = "/var/lib/orchestrator" };

    [Fact]
    public void The_defaults_are_the_kubelets_with_the_lease_scaled_to_a_10_s_grace_and_valid()
    {
        Assert.Empty(Valid.Validate());
        // The kubelet renews every quarter of its 40 s lease; here a quarter of a 10 s one.
        Assert.Equal((10, 2.5, 10, 110), ((int)Valid.LeaseDuration.TotalSeconds, Valid.LeaseRenewInterval.TotalSeconds, (int)Valid.StatusInterval.TotalSeconds, Valid.Pods));
        Assert.Equal((10, 300), ((int)Valid.Backoff.Initial.TotalSeconds, (int)Valid.Backoff.Max.TotalSeconds));
        Assert.Equal("127.0.0.1", Valid.InternalIP);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = Valid with
        {
            NodeName = "Worker_1",
            DataDirectory = " ",
            InternalIP = "localhost",
            Cpu = "lots",
            Memory = "-1Gi",
            Pods = 0,
            Zone = "zone a",
            Labels = new Dictionary<string, string> { ["bad key!"] = "v" },
            LeaseDuration = TimeSpan.FromSeconds(2),
            Backoff = Valid.Backoff with { Max = TimeSpan.FromSeconds(1) },
            Pressure = new PressureThresholds { DiskAvailablePercent = 150 },
        };

        var errors = options.Validate();

        // Name, data dir, IP, cpu, memory, pods, zone, label, lease vs renewal, backoff, pressure: eleven.
        Assert.Equal(11, errors.Count);
        Assert.Contains(errors, e => e.Contains("Worker_1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"lots\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("bad key!", StringComparison.Ordinal));
    }
}
