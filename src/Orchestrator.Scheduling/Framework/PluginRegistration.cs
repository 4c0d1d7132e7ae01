namespace Orchestrator.Scheduling.Framework;

/// <summary>One plugin the registry knows: its name, how to build it from its args, and its default score weight.</summary>
public sealed record PluginRegistration(string Name, Func<object?, IPlugin> Factory, int DefaultWeight = 1);
