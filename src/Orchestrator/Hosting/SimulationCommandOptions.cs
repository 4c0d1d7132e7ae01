using System.CommandLine;
using Orchestrator.Simulation;

namespace Orchestrator.Hosting;

/// <summary>
/// The simulated-node flags, shared by two commands: <c>up --simulated-nodes N --simulated-node-cpu ...</c> and
/// <c>simulate --nodes N --node-cpu ...</c>. Each flag is checked as it is parsed, so a typo fails before anything starts.
/// </summary>
public sealed class SimulationCommandOptions
{
    private static readonly SimulatedNodeOptions Defaults = new();

    /// <param name="prefix">Put before every flag name: "simulated-" on <c>up</c>, nothing on <c>simulate</c>.</param>
    /// <param name="countRequired">Whether the node count must be given (on <c>simulate</c>, where 0 would do nothing).</param>
    public SimulationCommandOptions(string prefix, bool countRequired)
    {
        Nodes = Make<int>($"--{prefix}nodes", "How many simulated nodes to register (their pods run without containers)", Defaults.Count, v => Defaults with { Count = v });
        if (countRequired)
        {
            Nodes.Required = true;
            Nodes.DefaultValueFactory = null!;
        }
        Cpu = Make<string>($"--{prefix}node-cpu", "CPU capacity of each simulated node", Defaults.Cpu, v => Defaults with { Cpu = v });
        Memory = Make<string>($"--{prefix}node-memory", "Memory capacity of each simulated node", Defaults.Memory, v => Defaults with { Memory = v });
        Pods = Make<int>($"--{prefix}node-pods", "How many pods each simulated node holds", Defaults.Pods, v => Defaults with { Pods = v });
        Zones = Make<int>($"--{prefix}zones", "How many zones (zone-a, zone-b, ...) the simulated nodes are spread over", Defaults.Zones, v => Defaults with { Zones = v });
        Prefix = Make<string>($"--{prefix}node-prefix", "Simulated node names are this followed by 0, 1, 2, ...", Defaults.NamePrefix, v => Defaults with { NamePrefix = v });
        HeartbeatSeconds = Make<double>($"--{prefix}heartbeat-seconds",
            "How often each simulated node renews its Lease, whose duration is four times this (keep it at most a quarter of up's --node-monitor-grace-seconds)",
            Defaults.HeartbeatInterval.TotalSeconds,
            v => Defaults with { HeartbeatInterval = TimeSpan.FromSeconds(v) });
    }

    public Option<int> Nodes { get; }

    public Option<string> Cpu { get; }

    public Option<string> Memory { get; }

    public Option<int> Pods { get; }

    public Option<int> Zones { get; }

    public Option<string> Prefix { get; }

    public Option<double> HeartbeatSeconds { get; }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Nodes, Cpu, Memory, Pods, Zones, Prefix, HeartbeatSeconds })
        {
            command.Options.Add(option);
        }
    }

    public SimulatedNodeOptions Read(ParseResult result) => new()
    {
        Count = result.GetValue(Nodes),
        Cpu = result.GetValue(Cpu)!,
        Memory = result.GetValue(Memory)!,
        Pods = result.GetValue(Pods),
        Zones = result.GetValue(Zones),
        NamePrefix = result.GetValue(Prefix)!,
        HeartbeatInterval = TimeSpan.FromSeconds(result.GetValue(HeartbeatSeconds)),
    };

    /// <summary>An option whose value is checked by <see cref="SimulatedNodeOptions.Validate"/> on defaults carrying just that value.</summary>
    private static Option<T> Make<T>(string name, string description, T defaultValue, Func<T, SimulatedNodeOptions> withValue)
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is not { } value)
            {
                return;
            }
            var options = withValue(value);
            foreach (var error in options.Validate())
            {
                result.AddError($"{name}: {error}");
            }
        });
        return option;
    }
}
