using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>The process arguments of a container: command then args, each expanded.</summary>
internal static class ContainerCommand
{
    public static IReadOnlyList<string> Resolve(V1Container container, Func<string, string?> lookup)
    {
        var command = container.Command ?? [];
        var args = container.Args ?? [];
        // In Kubernetes command replaces the image's entrypoint and args its cmd. Images are plain root folders
        // for now, with no entrypoint or cmd to fall back on, so args alone are the whole command line.
        if (command.Count == 0 && args.Count == 0)
        {
            throw new ArgumentException(
                $"Container '{container.Name}' has neither command nor args. Images are plain root folders without an " +
                "entrypoint for now, so command (or args) must name the program to run.");
        }
        return [.. command.Concat(args).Select(argument => KubernetesExpansion.Expand(argument, lookup))];
    }
}
