using k8s.Models;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class ContainerSpecsTests
{
    private static readonly ImageConfig Nginx = new()
    {
        Entrypoint = ["/docker-entrypoint.sh"],
        Cmd = ["nginx", "-g", "daemon off;"],
        Env = ["PATH=/opt/bin:/usr/bin", "NGINX_VERSION=1.27", "HOSTNAME=image"],
        WorkingDir = "/srv",
    };

    // Kubernetes' table: command replaces the entrypoint, args the cmd, and a command drops the image's cmd.
    public static TheoryData<string[], string[], string[], string[]> Commands => new()
    {
        { [], [], ["/docker-entrypoint.sh"], ["nginx", "-g", "daemon off;"] },
        { ["/bin/sh"], [], ["/bin/sh"], [] },
        { [], ["-v"], ["/docker-entrypoint.sh"], ["-v"] },
        { ["/bin/sh"], ["-c", "true"], ["/bin/sh"], ["-c", "true"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_and_args_fill_in_from_the_image_as_in_Kubernetes(string[] command, string[] args, string[] expectedCommand, string[] expectedArgs)
    {
        var container = new V1Container { Name = "web", Command = command, Args = args };

        var effective = ContainerSpecs.WithImageDefaults(container, Nginx);

        Assert.Equal(expectedCommand, effective.Command);
        Assert.Equal(expectedArgs, effective.Args ?? []);
        Assert.Equal("/srv", effective.WorkingDir);
        Assert.Equal(command, container.Command);
    }

    [Fact]
    public void Image_env_comes_first_and_yields_to_the_pods_and_replaces_the_default_PATH()
    {
        var pod = Testing.Pods.Named("web");
        var container = Testing.Pods.Container("nginx");
        container.Env = [Testing.Pods.Env("NGINX_VERSION", "mine")];
        var spec = new BundleBuilder().Build(pod, container, "o-x-c0-0", new BundlePaths("/rootfs"));

        var env = ContainerSpecs.WithImageEnv(spec, container, Nginx).Process.Env;

        // The image's PATH replaces the default; its NGINX_VERSION and HOSTNAME yield to the pod's.
        Assert.Equal(["PATH=/opt/bin:/usr/bin", "HOSTNAME=web", "NGINX_VERSION=mine"], env);
    }

    [Fact]
    public void Without_an_image_config_the_container_is_copied_unchanged()
    {
        var container = Testing.Pods.Container("true");

        var effective = ContainerSpecs.WithImageDefaults(container, config: null);

        Assert.NotSame(container, effective);
        Assert.Equal(["true"], effective.Command);
    }
}
