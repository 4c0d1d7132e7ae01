using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Agent;

/// <summary>
/// <c>orchestrator up --agent none</c> plus a stand-alone <c>orchestrator agent --runtime runc</c> as its one node (as on a
/// second machine), with the busybox image made from busybox-static and imported into the agent's store.
/// </summary>
public sealed class AgentFixture : IAsyncLifetime
{
    public const string Node = "agent-node";
    public const string Image = "localhost/busybox:static";

    private ClusterProcess? _cluster;

    public ClusterProcess Cluster => _cluster!;

    public OrchestratorCli Agent { get; private set; } = null!;

    public string AgentDir => Path.Combine(Cluster.DataDir, "node");

    public Testing.Kubectl Kubectl => new(Cluster);

    public async Task InitializeAsync()
    {
        // A fixed port, so the agent finds the server again after RestartServerAsync.
        _cluster = await ClusterProcess.StartAsync(null, "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var archive = Path.Combine(Cluster.DataDir, "busybox.tar");
        await OrchestratorCli.RunAsync("image", "busybox", "--output", archive);
        await OrchestratorCli.RunAsync("image", "import", archive, "--store", Path.Combine(AgentDir, "images"));
        await StartAgentAsync();
    }

    /// <summary>Starts the agent (again); backoff starts at 1 s so crash loops show within a test.</summary>
    public async Task StartAgentAsync()
    {
        Agent = OrchestratorCli.Start(
            "agent", "--kubeconfig", Cluster.Kubeconfig, "--node-name", Node, "--runtime", "runc", "--data-dir", AgentDir,
            "--log-port", "0", "--restart-backoff-seconds", "1");
        // kubectl wait --for=condition fails at once on a node that does not exist yet, and on a loaded machine the
        // agent takes more than the 2 s this used to allow to register: wait for the node to exist first.
        var ready = await Kubectl.RunAsync("wait", "--for=create", $"node/{Node}", "--timeout=60s");
        if (ready.ExitCode == 0)
        {
            ready = await Kubectl.RunAsync("wait", "--for=condition=Ready", $"node/{Node}", "--timeout=60s");
        }

        Assert.True(ready.ExitCode == 0, $"the agent's node did not become Ready:\n{ready.Error}\nagent:\n{Agent.Output}");
    }

    /// <summary>Kills the server (SIGKILL: a crash, not a shutdown) and starts it again on the same port and folder.</summary>
    public async Task RestartServerAsync(TimeSpan down)
    {
        await Cluster.KillAsync();
        await Task.Delay(down);
        await Cluster.StartAgainAsync();
    }

    public async Task DisposeAsync()
    {
        // Delete every pod first, so the agent stops and removes their containers and cgroups before it goes.
        if (_cluster is not null)
        {
            await Kubectl.RunAsync("delete", "pods", "--all", "--all-namespaces", "--wait=true", "--timeout=60s");
            await Agent.StopAsync();
            await Agent.DisposeAsync();
            await _cluster.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Kubectl.RunAsync("create", "namespace", name)).Succeeded();
        return name;
    }

    /// <summary>
    /// <c>kubectl describe pod</c> once every expected text is in it: the agent sends events in the background, as the
    /// kubelet does, so an event may reach the API server a moment after the status that followed it.
    /// </summary>
    public async Task<string> DescribeShowingAsync(string ns, string pod, params string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var describe = (await Kubectl.RunAsync("describe", "pod", "-n", ns, pod)).Succeeded().Output;
            if (expected.All(describe.Contains) || DateTime.UtcNow > deadline)
            {
                return describe;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until a jsonpath of the pod has the value, and says what the pod and the agent looked like when it did not.</summary>
    /// <summary>Waits until <c>kubectl logs</c> of the pod succeeds (its node's agent serves them).</summary>
    public async Task WaitForLogsAsync(string ns, string pod, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        Testing.Kubectl.Result logs;
        while ((logs = await Kubectl.RunAsync("logs", "-n", ns, pod, "--tail=1")).ExitCode != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the logs of {ns}/{pod} were not served within {seconds} s:\n{logs.Error}\nagent:\n{Agent.Output}");
            await Task.Delay(250);
        }
    }

    public async Task WaitForAsync(string ns, string pod, string jsonpath, string value, int seconds = 60)
    {
        var result = await Kubectl.RunAsync("wait", "-n", ns, $"pod/{pod}", $"--for=jsonpath={{{jsonpath}}}={value}", $"--timeout={seconds}s");
        if (result.ExitCode != 0)
        {
            var yaml = await Kubectl.RunAsync("get", "-n", ns, "pod", pod, "-o", "yaml");
            Assert.Fail($"pod {ns}/{pod} never had {jsonpath}={value}:\n{result.Error}\n{yaml.Output}\nagent:\n{Agent.Output}");
        }
    }
}
