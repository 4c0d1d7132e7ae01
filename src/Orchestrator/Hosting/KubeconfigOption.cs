using System.CommandLine;

namespace Orchestrator.Hosting;

/// <summary><c>--kubeconfig FILE</c> for the commands that join a cluster from outside (simulate, agent): $KUBECONFIG, else ~/.kube/config.</summary>
public static class KubeconfigOption
{
    public static Option<FileInfo> Create(string purpose)
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig")
        {
            Description = $"The cluster to {purpose} (default: $KUBECONFIG, else ~/.kube/config)",
            DefaultValueFactory = _ => new FileInfo(Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } path
                ? path.Split(Path.PathSeparator)[0]
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")),
        };
        kubeconfig.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } file)
            {
                result.AddError($"--kubeconfig: {file.FullName} does not exist; pass the kubeconfig of the cluster to join");
            }
        });
        return kubeconfig;
    }
}
