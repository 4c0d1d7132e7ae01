using System.CommandLine;
using k8s;
using Orchestrator.Simulation;

namespace Orchestrator.Hosting;

/// <summary><c>orchestrator simulate --kubeconfig FILE --nodes N</c>: simulated nodes against any cluster, until Ctrl-C.</summary>
public static class SimulateCommand
{
    public static Command Build()
    {
        var kubeconfig = KubeconfigOption.Create("register the nodes with");
        var simulation = new SimulationCommandOptions(prefix: "", countRequired: true);
        var simulate = new Command("simulate", "Register simulated nodes with a cluster, heartbeat them and run their pods without containers, until Ctrl-C (as kwok does)")
        {
            kubeconfig,
        };
        simulation.AddTo(simulate);
        simulate.SetAction(async (result, cancellationToken) =>
        {
            var options = simulation.Read(result);
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(result.GetValue(kubeconfig)!.FullName);
            using var client = new Kubernetes(config);
            Console.Error.WriteLine($"orchestrator: simulating {options.Count} nodes on {config.Host}; Ctrl-C stops (the nodes stay registered)");
            await SimulatedNodes.RunAsync(client, options, TimeProvider.System, cancellationToken);
            return 0;
        });
        return simulate;
    }
}
