using System.CommandLine;

namespace Orchestrator.Hosting;

/// <summary>The command line: <c>orchestrator up [--data-dir DIR] [--port N]</c>.</summary>
public static class OrchestratorCommand
{
    public static RootCommand Build()
    {
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Where objects, the kubeconfig and the token live (default: .orchestrator under the current folder)",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, ".orchestrator")),
        };
        var port = new Option<int>("--port")
        {
            Description = "The API server's port on 127.0.0.1 (0 picks a free one)",
            DefaultValueFactory = _ => 6443,
        };
        var schedulers = new Option<int>("--schedulers")
        {
            Description = "Scheduler instances to run in the silo (0 leaves pending pods to an outside scheduler)",
            DefaultValueFactory = _ => 1,
        };
        schedulers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 8)
            {
                r.AddError("--schedulers takes 0 to 8");
            }
        });
        var controllers = new Option<string>("--controllers")
        {
            Description = "Controllers to run in the silo, as kube-controller-manager's flag: * for all, -name to turn one off, none for none (a Deployment then creates nothing)",
            DefaultValueFactory = _ => "*",
        };
        controllers.Validators.Add(r =>
        {
            var known = Orchestrator.Controllers.ControllersServiceCollectionExtensions.Names;
            foreach (var item in Controllers.Runtime.ControllerSelection.Parse(r.GetValueOrDefault<string>()).Items)
            {
                if (item != "*" && !known.Contains(item.TrimStart('-')))
                {
                    r.AddError($"--controllers: unknown controller {item.TrimStart('-')}; known: {string.Join(", ", known)} (* for all, -name to turn one off, none)");
                }
            }
        });
        var agent = new Option<string>("--agent")
        {
            Description = "The node agent for this machine, run as a child process: auto (runc, else crun, else plain processes without isolation), runc, crun, process, or none",
            DefaultValueFactory = _ => "auto",
        };
        agent.AcceptOnlyFromAmong("auto", "runc", "crun", "process", "none");
        var up = new Command("up", "Run the embedded cluster: one Orleans silo, the Kubernetes API on 127.0.0.1 and durable storage in the data folder")
        {
            dataDir,
            port,
            schedulers,
            controllers,
            agent,
        };
        var simulation = new SimulationCommandOptions(prefix: "simulated-", countRequired: false);
        simulation.AddTo(up);
        var nodeLifecycle = new NodeLifecycleCommandOptions();
        nodeLifecycle.AddTo(up);
        up.SetAction((result, cancellationToken) => EmbeddedCluster.RunAsync(
            new EmbeddedClusterOptions(result.GetValue(dataDir)!.FullName, result.GetValue(port))
            {
                Schedulers = result.GetValue(schedulers),
                Controllers = Controllers.Runtime.ControllerSelection.Parse(result.GetValue(controllers)),
                SimulatedNodes = simulation.Read(result),
                Agent = result.GetValue(agent)!,
                NodeLifecycle = nodeLifecycle.Read(result),
                PodGc = nodeLifecycle.ReadPodGc(result),
                DefaultTolerationSeconds = result.GetValue(nodeLifecycle.DefaultTolerationSeconds),
            },
            cancellationToken));
        return new RootCommand("Orchestrator: a Kubernetes-compatible cluster orchestrator on Orleans") { up, AgentCommand.Build(), SimulateCommand.Build(), ImageCommand.Build() };
    }
}
