using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Durability;

/// <summary>Acknowledged writes survive kill -9 and clean restarts, with the same resourceVersions.</summary>
public sealed class CrashRestartTests
{
    [Fact]
    public async Task Every_create_that_got_a_2xx_is_there_after_kill_9_in_the_middle_of_a_stream_of_creates()
    {
        await using var cluster = await ClusterProcess.StartAsync();
        var acknowledged = new ConcurrentDictionary<string, string>();
        using (var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig)))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var name = $"w{w}-{i}";
                    try
                    {
                        var created = await client.CreateNamespacedConfigMapAsync(
                            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["i"] = $"{i}" } },
                            "default", cancellationToken: CancellationToken.None);
                        acknowledged[name] = created.Metadata.ResourceVersion;
                    }
                    catch (Exception) when (stop.IsCancellationRequested || acknowledged.Count > 0)
                    {
                        // After the kill every request fails; only acknowledged ones matter.
                        return;
                    }
                }
            })).ToList();
            while (acknowledged.Count < 300)
            {
                await Task.Delay(20);
            }
            await cluster.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await cluster.StartAgainAsync();

        using var after = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig));
        var stored = (await after.ListNamespacedConfigMapAsync("default")).Items.ToDictionary(c => c.Metadata.Name, c => c.Metadata.ResourceVersion);
        var lost = acknowledged.Keys.Where(name => !stored.ContainsKey(name)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged creates were lost: {string.Join(", ", lost.Take(10))}");
        Assert.All(acknowledged, a => Assert.Equal(a.Value, stored[a.Key]));
    }

    [Fact]
    public async Task A_clean_stop_and_start_serves_every_object_as_it_was_with_the_same_resource_versions()
    {
        await using var cluster = await ClusterProcess.StartAsync();
        var kubectl = new Testing.Kubectl(cluster);
        (await kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\ndata:\n  a: b\n", "apply", "-f", "-")).Succeeded();
        var before = (await kubectl.RunAsync("get", "cm,ns,pc", "-A", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.resourceVersion};{end}")).Succeeded().Output;

        var exitCode = await cluster.StopAsync();
        await cluster.StartAgainAsync();
        var after = (await kubectl.RunAsync("get", "cm,ns,pc", "-A", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.resourceVersion};{end}")).Succeeded().Output;
        (await kubectl.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: next\n", "apply", "-f", "-")).Succeeded();
        var next = (await kubectl.RunAsync("get", "cm", "next", "-o", "jsonpath={.metadata.resourceVersion}")).Succeeded().Output;

        Assert.Equal(0, exitCode);
        Assert.Contains("keep=", before);
        Assert.Equal(before, after);
        // Revisions keep rising across the restart: no resourceVersion is ever handed out twice.
        var highest = before.Split(';', StringSplitOptions.RemoveEmptyEntries).Max(p => long.Parse(p.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(long.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > highest);
    }
}
