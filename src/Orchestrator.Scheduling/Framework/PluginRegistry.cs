using System.Collections.Immutable;
using Orchestrator.Scheduling.Plugins.DefaultPreemption;
using Orchestrator.Scheduling.Plugins.InterPodAffinity;
using Orchestrator.Scheduling.Plugins.NodeAffinity;
using Orchestrator.Scheduling.Plugins.NodeName;
using Orchestrator.Scheduling.Plugins.NodeResources;
using Orchestrator.Scheduling.Plugins.NodeUnschedulable;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Plugins.TaintToleration;

namespace Orchestrator.Scheduling.Framework;

/// <summary>Names every plugin, the order they run in and their default score weights.</summary>
public sealed class PluginRegistry
{
    private PluginRegistry(ImmutableArray<PluginRegistration> plugins)
    {
        Plugins = plugins;
    }

    /// <summary>The in-tree plugins in kube-scheduler's filter order, cheap checks first, with its default weights; DefaultPreemption only runs at PostFilter.</summary>
    public static PluginRegistry Default { get; } = new(
    [
        new(NodeUnschedulablePlugin.PluginName, _ => new NodeUnschedulablePlugin()),
        new(NodeNamePlugin.PluginName, _ => new NodeNamePlugin()),
        new(TaintTolerationPlugin.PluginName, _ => new TaintTolerationPlugin(), 3),
        new(NodeAffinityPlugin.PluginName, _ => new NodeAffinityPlugin(), 2),
        new(NodeResourcesFitPlugin.PluginName, args => new NodeResourcesFitPlugin(args as NodeResourcesFitArgs ?? NodeResourcesFitArgs.Default), 1),
        new(PodTopologySpreadPlugin.PluginName, args => new PodTopologySpreadPlugin(args as PodTopologySpreadArgs ?? PodTopologySpreadArgs.Default), 2),
        new(InterPodAffinityPlugin.PluginName, _ => new InterPodAffinityPlugin()),
        new(DefaultPreemptionPlugin.PluginName, args => new DefaultPreemptionPlugin(args as DefaultPreemptionArgs ?? DefaultPreemptionArgs.Default)),
    ]);

    public static PluginRegistry Empty { get; } = new([]);

    public ImmutableArray<PluginRegistration> Plugins { get; }

    /// <summary>A registry with the plugin added at the end, or replacing one of the same name in place.</summary>
    public PluginRegistry With(PluginRegistration registration)
    {
        var index = Plugins.IndexOf(Plugins.FirstOrDefault(p => p.Name == registration.Name)!);
        return new PluginRegistry(index >= 0 ? Plugins.SetItem(index, registration) : Plugins.Add(registration));
    }

    public PluginRegistration Get(string name) =>
        Plugins.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"no plugin named {name} is registered", nameof(name));
}
