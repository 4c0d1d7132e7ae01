using k8s.Models;
using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class BundleBuilderTests
{
    private static readonly BundlePaths Paths = new("/var/lib/orchestrator/rootfs/busybox");

    public static TheoryData<string[]?, string[]?, string[]> CommandCases => new()
    {
        // command replaces the entrypoint and args are appended to it.
        { ["sh", "-c"], ["echo hi"], ["sh", "-c", "echo hi"] },
        { ["sleep", "10"], null, ["sleep", "10"] },
        // Without an entrypoint in a plain rootfs, args alone are the command line.
        { null, ["echo", "hi"], ["echo", "hi"] },
        { [], ["true"], ["true"] },
    };

    public static TheoryData<long?, long?, long?, long?, uint, uint> UserCases => new()
    {
        // container uid/gid, pod uid/gid, expected uid/gid
        { null, null, null, null, 0, 0 },
        { null, null, 1000, 2000, 1000, 2000 },
        { 1001, null, 1000, 2000, 1001, 2000 },
        { 1001, 3000, 1000, 2000, 1001, 3000 },
        { null, 3000, null, null, 0, 3000 },
    };

    [Theory]
    [MemberData(nameof(CommandCases))]
    public void The_process_args_are_command_then_args(string[]? command, string[]? args, string[] expected)
    {
        var container = new V1Container { Name = "main", Command = command, Args = args };

        Assert.Equal(expected, Build(container).Process.Args);
    }

    [Fact]
    public void A_container_without_command_or_args_fails_with_a_message_saying_why()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(new V1Container { Name = "main" }));

        Assert.Contains("'main' has neither command nor args", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_values_expand_against_earlier_variables_and_command_against_all()
    {
        var container = Testing.Pods.Container("echo", "$(B)", "$(C)", "$$(A)", "$(NOPE)");
        container.Env =
        [
            Testing.Pods.Env("A", "x"),
            // C is defined after B, so B keeps $(C) as written.
            Testing.Pods.Env("B", "$(A)-$(C)"),
            Testing.Pods.Env("C", "y"),
        ];

        var process = Build(container).Process;

        Assert.Equal(["echo", "x-$(C)", "y", "$(A)", "$(NOPE)"], process.Args);
        Assert.Equal([ContainerEnvironment.DefaultPath, "HOSTNAME=web-0", "A=x", "B=x-$(C)", "C=y"], process.Env);
    }

    [Fact]
    public void A_variable_set_twice_keeps_its_first_place_and_its_last_value_and_the_pod_may_set_PATH()
    {
        var container = Testing.Pods.Container("true");
        container.Env = [Testing.Pods.Env("PATH", "/bin"), Testing.Pods.Env("A", "1"), Testing.Pods.Env("A", "$(A)2")];

        Assert.Equal(["HOSTNAME=web-0", "PATH=/bin", "A=12"], Build(container).Process.Env);
    }

    [Fact]
    public void The_pod_name_comes_from_a_field_reference_but_a_ConfigMap_key_fails_clearly()
    {
        var named = Testing.Pods.Container("true");
        named.Env = [new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }];
        var fromConfigMap = Testing.Pods.Container("true");
        fromConfigMap.Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Key = "key", Name = "settings" } } }];

        Assert.Contains("POD=web-0", Build(named).Process.Env);
        var error = Assert.Throws<NotSupportedException>(() => Build(fromConfigMap));
        Assert.Contains("configMapKeyRef", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UserCases))]
    public void The_user_comes_from_the_container_then_the_pod_security_context(long? uid, long? gid, long? podUid, long? podGid, uint expectedUid, uint expectedGid)
    {
        var pod = Testing.Pods.Named("web-0");
        pod.Spec.SecurityContext = new V1PodSecurityContext { RunAsUser = podUid, RunAsGroup = podGid };
        var container = Testing.Pods.Container("true");
        container.SecurityContext = new V1SecurityContext { RunAsUser = uid, RunAsGroup = gid };

        var user = new BundleBuilder().Build(pod, container, "c1", Paths).Process.User;

        Assert.Equal(new OciUser { Uid = expectedUid, Gid = expectedGid }, user);
    }

    [Theory]
    [InlineData("web-0", null, "web-0")]
    [InlineData("web-0", "frontend", "frontend")]
    // 70 characters are cut to 63, and the dash the cut leaves at the end is trimmed.
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbb", null, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void The_hostname_is_spec_hostname_or_else_the_pod_name(string name, string? hostname, string expected)
    {
        var pod = Testing.Pods.Named(name);
        pod.Spec.Hostname = hostname;

        var spec = new BundleBuilder().Build(pod, Testing.Pods.Container("true"), "c1", Paths);

        Assert.Equal(expected, spec.Hostname);
        Assert.Contains($"HOSTNAME={expected}", spec.Process.Env);
    }

    [Fact]
    public void The_container_gets_its_own_pid_mount_uts_and_ipc_namespaces_and_the_host_network()
    {
        var spec = Build(Testing.Pods.Container("true"));

        Assert.Equal(["pid", "mount", "uts", "ipc"], spec.Linux.Namespaces.Select(n => n.Type));
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys"], spec.Mounts.Select(m => m.Destination));
        Assert.Equal("/", spec.Process.Cwd);
        Assert.Equal(Paths.Rootfs, spec.Root.Path);
        Assert.False(spec.Root.Readonly);
    }

    [Fact]
    public void Volumes_are_bind_mounted_and_readOnly_is_honoured()
    {
        var container = Testing.Pods.Container("true");
        container.VolumeMounts =
        [
            Testing.Pods.Mount("/etc/config", "config", readOnly: true),
            Testing.Pods.Mount("/cache", "cache"),
            Testing.Pods.Mount("/etc/app.conf", "config", subPath: "app.conf"),
        ];
        var paths = Paths with { Volumes = new Dictionary<string, string> { ["config"] = "/vol/config", ["cache"] = "/vol/cache" } };

        var binds = new BundleBuilder().Build(Testing.Pods.Named("web-0"), container, "c1", paths).Mounts.Skip(6).ToList();

        Assert.Equal(
            [
                new OciMount { Destination = "/etc/config", Type = "bind", Source = "/vol/config", Options = ["rbind", "rprivate", "ro"] },
                new OciMount { Destination = "/cache", Type = "bind", Source = "/vol/cache", Options = ["rbind", "rprivate", "rw"] },
                new OciMount { Destination = "/etc/app.conf", Type = "bind", Source = "/vol/config/app.conf", Options = ["rbind", "rprivate", "rw"] },
            ],
            binds,
            (a, b) => a.Destination == b.Destination && a.Source == b.Source && a.Type == b.Type && a.Options!.SequenceEqual(b.Options!));
    }

    [Theory]
    [InlineData("missing", null, "no host folder was given")]
    [InlineData("config", "../../etc", "leaves the volume")]
    public void A_volume_without_a_folder_or_a_subPath_leaving_it_fails(string volume, string? subPath, string message)
    {
        var container = Testing.Pods.Container("true");
        container.VolumeMounts = [Testing.Pods.Mount("/data", volume, subPath: subPath)];
        var paths = Paths with { Volumes = new Dictionary<string, string> { ["config"] = "/vol/config" } };

        var error = Assert.Throws<ArgumentException>(() => new BundleBuilder().Build(Testing.Pods.Named("web-0"), container, "c1", paths));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cgroup_is_per_pod_then_per_container_and_limits_are_the_kubelets()
    {
        var pod = Testing.Pods.Named("web-0");
        var container = Testing.Pods.Container("true").WithLimits(cpu: "200m", memory: "32Mi");

        var linux = new BundleBuilder(new BundleOptions { CgroupParent = "/kubepods/", PidsLimit = 64 }).Build(pod, container, "c1", Paths).Linux;

        Assert.Equal($"/kubepods/pod{pod.Metadata.Uid}/c1", linux.CgroupsPath);
        // 32Mi = 32 * 2^20; a 200m limit alone is also the request: 204 shares, 20000 us per 100000 us.
        Assert.Equal(33_554_432, linux.Resources!.Memory!.Limit);
        Assert.Equal(new OciCpu { Shares = 204, Quota = 20_000, Period = 100_000 }, linux.Resources.Cpu);
        Assert.Equal(64, linux.Resources.Pids!.Limit);
    }

    [Fact]
    public void Security_context_sets_a_read_only_root_and_no_new_privileges()
    {
        var container = Testing.Pods.Container("true");
        container.SecurityContext = new V1SecurityContext { ReadOnlyRootFilesystem = true, AllowPrivilegeEscalation = false };
        container.WorkingDir = "/srv";

        var spec = Build(container);

        Assert.True(spec.Root.Readonly);
        Assert.True(spec.Process.NoNewPrivileges);
        Assert.Equal("/srv", spec.Process.Cwd);
    }

    [Fact]
    public void A_relative_working_dir_or_a_privileged_container_fails_clearly()
    {
        var relative = Testing.Pods.Container("true");
        relative.WorkingDir = "srv";
        var privileged = Testing.Pods.Container("true");
        privileged.SecurityContext = new V1SecurityContext { Privileged = true };

        Assert.Contains("not an absolute path", Assert.Throws<ArgumentException>(() => Build(relative)).Message, StringComparison.Ordinal);
        Assert.Contains("privileged", Assert.Throws<NotSupportedException>(() => Build(privileged)).Message, StringComparison.Ordinal);
    }

    private static OciSpec Build(V1Container container) => new BundleBuilder().Build(Testing.Pods.Named("web-0"), container, "c1", Paths);
}
