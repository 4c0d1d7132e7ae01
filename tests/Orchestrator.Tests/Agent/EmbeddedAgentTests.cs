using System.Diagnostics;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Agent;

/// <summary>The README's path: <c>orchestrator up</c> with its own agent for this machine, an imported busybox image, one pod.</summary>
public sealed class EmbeddedAgentTests
{
    [Fact]
    public async Task Up_runs_a_node_for_this_machine_whose_pods_are_real_containers_and_stops_with_it()
    {
        var dataDir = Directory.CreateTempSubdirectory("orchestrator-test-").FullName;
        var archive = Path.Combine(dataDir, "busybox.tar");
        await OrchestratorCli.RunAsync("image", "busybox", "--output", archive);
        await OrchestratorCli.RunAsync("image", "import", archive, "--store", Path.Combine(dataDir, "agent", "images"));
        await using var cluster = await ClusterProcess.StartAsync(dataDir, "--agent", "runc");
        var kubectl = new Testing.Kubectl(cluster);
        var node = Environment.MachineName.ToLowerInvariant();
        (await kubectl.RunAsync("wait", "--for=create", $"node/{node}", "--timeout=60s")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=condition=Ready", $"node/{node}", "--timeout=60s")).Succeeded();

        // (Kubectl puts --cache-dir last, so after "--" it reaches sh -c as $0, where it does nothing.)
        (await kubectl.RunAsync("run", "hello", $"--image={AgentFixture.Image}", "--restart=Never", "--", "sh", "-c", "echo hello from up")).Succeeded();
        (await kubectl.RunAsync("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/hello", "--timeout=60s")).Succeeded();
        Assert.Equal("hello from up\n", (await kubectl.RunAsync("logs", "hello")).Succeeded().Output);
        var runtime = (await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.status.nodeInfo.containerRuntimeVersion}")).Succeeded().Output;
        Assert.StartsWith("runc://", runtime);
        (await kubectl.RunAsync("delete", "pod", "hello", "--timeout=30s")).Succeeded();

        // SIGTERM stops the agent first, while the API still answers, so the whole cluster stops in moments.
        var stopping = Stopwatch.StartNew();
        Assert.Equal(0, await cluster.StopAsync());
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"up took {stopping.Elapsed} to stop:\n{cluster.Log}");
        Assert.DoesNotContain(Path.Combine(dataDir, "agent"), string.Join('\n', Process.GetProcesses().Select(CommandLine)));
    }

    private static string CommandLine(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
