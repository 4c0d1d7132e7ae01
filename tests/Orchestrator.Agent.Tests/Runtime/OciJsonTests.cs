using System.Text.Json.Nodes;
using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class OciJsonTests
{
    [Fact]
    public void A_spec_is_written_with_the_runtime_spec_field_names()
    {
        var spec = new BundleBuilder().Build(Testing.Pods.Named("web"), Testing.Pods.Container("true").WithLimits(cpu: "1", memory: "1Gi"), "c1", new BundlePaths("/rootfs"));

        var json = JsonNode.Parse(OciJson.Serialize(spec))!;

        Assert.Equal("1.0.2", (string?)json["ociVersion"]);
        Assert.False((bool)json["process"]!["terminal"]!);
        Assert.Equal(0u, (uint)json["process"]!["user"]!["uid"]!);
        Assert.False((bool)json["process"]!["noNewPrivileges"]!);
        Assert.Equal("/rootfs", (string?)json["root"]!["path"]);
        Assert.False((bool)json["root"]!["readonly"]!);
        Assert.Equal("web", (string?)json["hostname"]);
        Assert.Equal("/proc", (string?)json["mounts"]![0]!["destination"]);
        Assert.Equal(1_073_741_824L, (long)json["linux"]!["resources"]!["memory"]!["limit"]!);
        Assert.Equal(100_000L, (long)json["linux"]!["resources"]!["cpu"]!["quota"]!);
        Assert.Equal(4096L, (long)json["linux"]!["resources"]!["pids"]!["limit"]!);
        Assert.StartsWith("/orchestrator/pod", (string?)json["linux"]!["cgroupsPath"]);
        Assert.NotNull(json["linux"]!["maskedPaths"]);
        Assert.NotNull(json["linux"]!["readonlyPaths"]);
        Assert.Equal("pid", (string?)json["linux"]!["namespaces"]![0]!["type"]);
    }

    [Fact]
    public void Unset_optional_fields_are_left_out_rather_than_written_as_null()
    {
        var spec = new BundleBuilder().Build(Testing.Pods.Named("web"), Testing.Pods.Container("true"), "c1", new BundlePaths("/rootfs"));

        var json = OciJson.Serialize(spec);

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"rlimits\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"quota\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_reads_back_as_written()
    {
        var spec = new BundleBuilder().Build(Testing.Pods.Named("web"), Testing.Pods.Container("sh", "-c", "echo hi"), "c1", new BundlePaths("/rootfs"));

        var back = OciJson.DeserializeSpec(OciJson.Serialize(spec));

        Assert.Equal(spec.Process.Args, back.Process.Args);
        Assert.Equal(spec.Linux.CgroupsPath, back.Linux.CgroupsPath);
        Assert.Equal(spec.Mounts.Select(m => m.Destination), back.Mounts.Select(m => m.Destination));
    }

    [Fact]
    public void The_runtime_state_is_read_from_what_runc_prints()
    {
        const string printed = """
            {
              "ociVersion": "1.0.2-dev",
              "id": "oom1",
              "pid": 12704,
              "status": "created",
              "bundle": "/tmp/bb1",
              "rootfs": "/tmp/bb1/rootfs",
              "created": "2026-11-25T04:42:42.405575648Z",
              "owner": ""
            }
            """;

        var state = OciJson.DeserializeState(printed);

        Assert.Equal(new ContainerState("oom1", ContainerStatus.Created, 12704), new ContainerState(state.Id, ContainerState.ParseStatus(state.Status), state.Pid));
    }
}
