using k8s;
using k8s.Models;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Pods;

/// <summary>Applies an image's config to a container as Kubernetes does: entrypoint and cmd where the pod names none, image env first.</summary>
public static class ContainerSpecs
{
    /// <summary>
    /// A copy of the container with command, args and workingDir filled in from the image: command replaces the
    /// entrypoint and args the cmd, and an image's cmd is dropped once the pod gives a command.
    /// </summary>
    public static V1Container WithImageDefaults(V1Container container, ImageConfig? config)
    {
        ArgumentNullException.ThrowIfNull(container);
        var copy = KubernetesJson.Deserialize<V1Container>(KubernetesJson.Serialize(container));
        if (config is null)
        {
            return copy;
        }
        var hasCommand = copy.Command is { Count: > 0 };
        var hasArgs = copy.Args is { Count: > 0 };
        if (!hasCommand)
        {
            copy.Command = [.. config.Entrypoint];
            copy.Args = hasArgs ? copy.Args : [.. config.Cmd];
        }
        if (string.IsNullOrEmpty(copy.WorkingDir) && !string.IsNullOrEmpty(config.WorkingDir))
        {
            copy.WorkingDir = config.WorkingDir;
        }
        return copy;
    }

    /// <summary>
    /// The spec with the image's environment added: image variables first, then the container's; a variable the pod sets
    /// (or HOSTNAME, which is the pod's) wins, and the image's PATH replaces the default one.
    /// </summary>
    public static OciSpec WithImageEnv(OciSpec spec, V1Container container, ImageConfig? config)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (config is not { Env.Count: > 0 })
        {
            return spec;
        }
        var podNames = (container.Env ?? []).Select(e => e.Name).Append("HOSTNAME").ToHashSet(StringComparer.Ordinal);
        var image = config.Env.Where(e => !podNames.Contains(NameOf(e))).ToList();
        var fromImage = image.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        var env = image.Concat(spec.Process.Env.Where(e => !fromImage.Contains(NameOf(e)))).ToList();
        return spec with { Process = spec.Process with { Env = env } };
    }

    private static string NameOf(string variable)
    {
        var equals = variable.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? variable : variable[..equals];
    }
}
