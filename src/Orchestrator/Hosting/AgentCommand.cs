using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using k8s;
using Orchestrator.Agent;
using Orchestrator.Agent.Logs;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;
using Orchestrator.Images;

namespace Orchestrator.Hosting;

/// <summary>
/// <c>orchestrator agent --kubeconfig F --node-name N [--runtime auto|runc|crun|process]</c>: the node agent for this
/// machine, until SIGTERM or Ctrl-C; its containers keep running when it stops, and the next run takes them over.
/// </summary>
public static class AgentCommand
{
    public static Command Build()
    {
        var kubeconfig = KubeconfigOption.Create("join as a node");
        var server = new Option<string?>("--server") { Description = "The API server's URL, overriding the kubeconfig's" };
        var nodeName = new Option<string>("--node-name")
        {
            Description = "The node's name (default: this machine's host name, lowercased)",
            DefaultValueFactory = _ => Environment.MachineName.ToLowerInvariant(),
        };
        var runtime = new Option<string>("--runtime")
        {
            Description = "How containers run: runc or crun (isolated, with cgroup limits), process (plain processes, NO isolation), or auto (runc, else crun, else process)",
            DefaultValueFactory = _ => "auto",
        };
        runtime.AcceptOnlyFromAmong("auto", "runc", "crun", "process");
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Where pods, container bundles, logs and (by default) images live",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, ".orchestrator-agent")),
        };
        var imagesDir = new Option<DirectoryInfo?>("--images-dir") { Description = "The image store (default: <data-dir>/images); `orchestrator image import` fills it" };
        var internalIp = new Option<string>("--internal-ip") { Description = "The node's InternalIP, where the API server reaches the agent", DefaultValueFactory = _ => "127.0.0.1" };
        var logPort = new Option<int>("--log-port") { Description = "The port of the agent's log endpoint (0 picks a free one)", DefaultValueFactory = _ => 10250 };
        var zone = new Option<string?>("--zone") { Description = "The node's topology.kubernetes.io/zone label" };
        var cpu = new Option<string?>("--cpu") { Description = "The cpu capacity to report (default: this machine's processors)" };
        var memory = new Option<string?>("--memory") { Description = "The memory capacity to report (default: MemTotal)" };
        var pods = new Option<int>("--pods") { Description = "How many pods the node takes", DefaultValueFactory = _ => 110 };
        var backoff = new Option<int>("--restart-backoff-seconds")
        {
            Description = "CrashLoopBackOff's first wait, doubling up to 30 times it (kubelet: 10, up to 300)",
            DefaultValueFactory = _ => 10,
        };
        var leaseSeconds = new Option<int>("--node-lease-duration-seconds")
        {
            Description = "The node Lease's duration; it is renewed every quarter of it, as the kubelet does (kubelet: 40; here 10 for the node lifecycle controller's 10 s grace)",
            DefaultValueFactory = _ => 10,
        };
        leaseSeconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 2)
            {
                r.AddError($"--node-lease-duration-seconds: {r.GetValueOrDefault<int>()} is below 2");
            }
        });
        var registries = new Option<string[]>("--insecure-registry") { Description = "A registry (host:port) to pull from over plain HTTP", AllowMultipleArgumentsPerToken = true };
        var agent = new Command("agent", "Run this machine's node agent: register the node, keep its lease, run its pods' containers and serve their logs")
        {
            kubeconfig, server, nodeName, runtime, dataDir, imagesDir, internalIp, logPort, zone, cpu, memory, pods, backoff, leaseSeconds, registries,
        };
        agent.SetAction(async (result, cancellationToken) =>
        {
            var data = result.GetValue(dataDir)!.FullName;
            var runtimeName = ChooseRuntime(result.GetValue(runtime)!);
            var options = new AgentOptions
            {
                NodeName = result.GetValue(nodeName)!,
                DataDirectory = data,
                InternalIP = result.GetValue(internalIp)!,
                Zone = result.GetValue(zone),
                Cpu = result.GetValue(cpu),
                Memory = result.GetValue(memory),
                Pods = result.GetValue(pods),
                LeaseDuration = TimeSpan.FromSeconds(result.GetValue(leaseSeconds)),
                LeaseRenewInterval = TimeSpan.FromSeconds(result.GetValue(leaseSeconds) / 4.0),
                Backoff = RestartBackoff.Kubelet with
                {
                    Initial = TimeSpan.FromSeconds(result.GetValue(backoff)),
                    Max = TimeSpan.FromSeconds(30 * result.GetValue(backoff)),
                },
            };
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(result.GetValue(kubeconfig)!.FullName);
            if (result.GetValue(server) is { Length: > 0 } url)
            {
                config.Host = url;
            }

            // SIGTERM (systemd, `up` stopping it) and Ctrl-C both stop the agent and leave its containers running.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var client = new Kubernetes(config);
            using var http = new HttpClient();
            var store = new ImageStore(result.GetValue(imagesDir)?.FullName ?? Path.Combine(data, "images"));
            var registry = new RegistryClient(http, new RegistryClientOptions { InsecureRegistries = result.GetValue(registries)?.ToHashSet() ?? [] });
            IRootfsProvider images = runtimeName == "process" ? new HostRootfsProvider() : new ImageStoreRootfs(store, new ImagePuller(store, registry));
            IContainerRuntime containers = runtimeName switch
            {
                "runc" => OciRuntime.Runc(Path.Combine(data, "runtime")),
                "crun" => OciRuntime.Crun(Path.Combine(data, "runtime")),
                _ => new ProcessRuntime(),
            };
            await using var logs = await AgentLogServer.StartAsync(
                IPAddress.Parse(options.InternalIP), result.GetValue(logPort), config.AccessToken, new PodLogFiles(data), options.LogRotation, TimeProvider.System, stop.Token);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orchestrator agent: node {options.NodeName} on {config.Host}, runtime {runtimeName}{(runtimeName == "process" ? " (NO isolation: containers run as plain processes)" : "")}, logs on {options.InternalIP}:{logs.Port}"));
            await NodeAgent.RunAsync(client, options with { LogPort = logs.Port }, containers, images, TimeProvider.System, stop.Token);
            return 0;
        });
        return agent;
    }

    /// <summary>auto: runc, else crun, when installed and running as root (they need it for cgroups and namespaces); else plain processes.</summary>
    internal static string ChooseRuntime(string requested)
    {
        if (requested != "auto")
        {
            return requested;
        }

        var root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        return !root ? "process" : ExecutableFinder.Find("runc") is not null ? "runc" : ExecutableFinder.Find("crun") is not null ? "crun" : "process";
    }
}
