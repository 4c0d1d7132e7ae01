using System.Diagnostics;
using k8s.Models;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Pods;

/// <summary>The pod worker against the real runc and a busybox image, with a manual clock and an in-memory API.</summary>
public sealed class PodWorkerTests : IAsyncLifetime
{
    private PodBed _bed = null!;

    public Task InitializeAsync()
    {
        _bed = PodBed.Runc();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Echo_under_Never_ends_Succeeded_with_exit_0_reason_Completed_and_its_output_logged()
    {
        var pod = PodBed.Pod("echo", "Never", Testing.Pods.Container("sh", "-c", "echo hi"));

        _bed.Run(pod);
        var status = await _bed.Api.WaitForAsync(s => s.Phase == "Succeeded" && s.Conditions.Any(c => c.Type == "Ready" && c.Reason == "PodCompleted"), "Succeeded");

        var main = Assert.Single(status.ContainerStatuses);
        Assert.Equal(0, main.State.Terminated.ExitCode);
        Assert.Equal("Completed", main.State.Terminated.Reason);
        Assert.Equal("runc://" + ContainerNames.Id(pod.Metadata.Uid, init: false, 0, 0), main.ContainerID);
        Assert.Equal(main.ContainerID, main.State.Terminated.ContainerID);
        Assert.Equal((0, false, "busybox"), (main.RestartCount, main.Ready, main.Image));
        Assert.StartsWith("dir://", main.ImageID, StringComparison.Ordinal);
        Assert.Equal(("10.0.0.7", "10.0.0.7"), (status.HostIP, status.PodIP));
        Assert.Equal(PodBed.Start.UtcDateTime, status.StartTime);
        Assert.Equal("hi", _bed.LogOf(pod, "main", 0));
        Assert.Equal("Pending", _bed.Api.Statuses[0].Phase);
    }

    [Fact]
    public async Task Exit_3_under_OnFailure_restarts_with_a_growing_backoff_and_counts_the_restarts()
    {
        var pod = PodBed.Pod("crasher", "OnFailure", Testing.Pods.Container("sh", "-c", "exit 3"));
        _bed.Run(pod);

        // The kubelet's schedule with a 1 s base and a 4 s cap: the first restart is immediate (attempt 1), then each
        // exit waits 1 s, 2 s, 4 s and 4 s again; the message names the back-off, restartCount the attempt that died.
        var seen = new List<string>();
        foreach (var (restarts, backoff) in new[] { (1, 1), (2, 2), (3, 4), (4, 4) })
        {
            var status = await _bed.Api.WaitForAsync(
                s => s.ContainerStatuses[0] is { RestartCount: var r, State.Waiting.Reason: "CrashLoopBackOff" } && r == restarts, $"CrashLoopBackOff after {restarts} restarts");
            var main = status.ContainerStatuses[0];
            Assert.Equal("Running", status.Phase);
            Assert.Equal((3, "Error"), (main.LastState.Terminated.ExitCode, main.LastState.Terminated.Reason));
            Assert.Equal("runc://" + ContainerNames.Id(pod.Metadata.Uid, init: false, 0, restarts), main.LastState.Terminated.ContainerID);
            seen.Add(main.State.Waiting.Message[..main.State.Waiting.Message.IndexOf(" restarting", StringComparison.Ordinal)]);
            _bed.Clock.Advance(TimeSpan.FromSeconds(backoff));
        }

        Assert.Equal(["back-off 1s", "back-off 2s", "back-off 4s", "back-off 4s"], seen);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(n => ContainerNames.Id(pod.Metadata.Uid, init: false, 0, n))], _bed.Runtime.Created.Take(5));
        Assert.True(_bed.Runtime.Live.Count <= 1, "every dead attempt but the latest is deleted");
    }

    [Fact]
    public async Task A_crashed_container_shows_CrashLoopBackOff_while_its_dead_attempt_is_still_being_removed()
    {
        var pod = PodBed.Pod("crasher", "OnFailure", Testing.Pods.Container("sh", "-c", "exit 3"));
        var dead = ContainerNames.Id(pod.Metadata.Uid, init: false, 0, 1);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Runtime.HoldDelete(dead, removed.Task);
        try
        {
            _bed.Run(pod);

            // Attempt 1 has exited (attempt 0 was restarted at once); its runc delete has not returned.
            var status = await _bed.Api.WaitForAsync(
                s => s.ContainerStatuses[0] is { RestartCount: 1, State.Waiting.Reason: "CrashLoopBackOff" }, "CrashLoopBackOff while attempt 1 is being removed");

            Assert.Equal((3, "Error"), (status.ContainerStatuses[0].LastState.Terminated.ExitCode, status.ContainerStatuses[0].LastState.Terminated.Reason));
            Assert.Contains(dead, _bed.Runtime.Live);
        }
        finally
        {
            removed.SetResult();
        }
    }

    [Fact]
    public async Task Always_restarts_a_container_that_exits_0()
    {
        var pod = PodBed.Pod("done", "Always", Testing.Pods.Container("sh", "-c", "echo hi"));
        _bed.Run(pod);

        var status = await _bed.Api.WaitForAsync(s => s.ContainerStatuses[0].State.Waiting?.Reason == "CrashLoopBackOff", "CrashLoopBackOff");

        var main = status.ContainerStatuses[0];
        Assert.Equal("Running", status.Phase);
        Assert.Equal(1, main.RestartCount);
        Assert.Equal((0, "Completed"), (main.LastState.Terminated.ExitCode, main.LastState.Terminated.Reason));
        Assert.Equal(("hi", "hi"), (_bed.LogOf(pod, "main", 0), _bed.LogOf(pod, "main", 1)));
    }

    [Fact]
    public async Task A_container_the_OOM_killer_ends_reports_reason_OOMKilled()
    {
        var hog = Testing.Pods.Container("sh", "-c", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}").WithLimits(memory: "32Mi");
        var pod = PodBed.Pod("hog", "Never", hog);

        _bed.Run(pod);
        var status = await _bed.Api.WaitForAsync(s => s.Phase == "Failed", "Failed");

        Assert.Equal((137, "OOMKilled"), (status.ContainerStatuses[0].State.Terminated.ExitCode, status.ContainerStatuses[0].State.Terminated.Reason));
    }

    [Fact]
    public async Task An_init_container_runs_to_completion_before_the_main_one_and_shares_an_emptyDir_with_it()
    {
        var init = PodBed.WithImage(PodBed.Named(Testing.Pods.Container("sh", "-c", "echo prepared > /work/ready"), "init"));
        init.VolumeMounts = [Testing.Pods.Mount("/work", "work")];
        var main = Testing.Pods.Container("cat", "/work/ready");
        main.VolumeMounts = [Testing.Pods.Mount("/work", "work", readOnly: true)];
        var pod = PodBed.Pod("initialized", "Never", main);
        pod.Spec.InitContainers = [init];
        pod.Spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];

        _bed.Run(pod);
        var status = await _bed.Api.WaitForAsync(s => s.Phase == "Succeeded", "Succeeded");

        var first = _bed.Api.Statuses[0];
        Assert.Equal(("PodInitializing", "PodInitializing"), (first.InitContainerStatuses[0].State.Waiting.Reason, first.ContainerStatuses[0].State.Waiting.Reason));
        Assert.Equal(("Completed", true), (status.InitContainerStatuses[0].State.Terminated.Reason, status.InitContainerStatuses[0].Ready));
        Assert.Equal("True", status.Conditions.Single(c => c.Type == "Initialized").Status);
        Assert.Equal("prepared", _bed.LogOf(pod, "main", 0));
        Assert.Equal([ContainerNames.Id(pod.Metadata.Uid, init: true, 0, 0), ContainerNames.Id(pod.Metadata.Uid, init: false, 0, 0)], _bed.Runtime.Created);
    }

    [Fact]
    public async Task Deleting_stops_a_container_that_handles_SIGTERM_within_the_grace_period_and_removes_everything()
    {
        var pod = PodBed.Pod("graceful", "Always", Testing.Pods.Container("sh", "-c", "trap \"exit 0\" TERM; while true; do sleep 1; done"));
        var worker = _bed.Run(pod);
        await _bed.Api.WaitForAsync(s => s.ContainerStatuses[0].Ready == true && s.Phase == "Running", "Running and ready");
        var clock = Stopwatch.StartNew();

        // The manual clock never reaches the 30 s grace period, so only the container's own exit on SIGTERM ends this.
        await _bed.DeleteAsync(worker, pod, graceSeconds: 30);
        var deleted = await _bed.Api.DeletedAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
        Assert.Equal(pod.Metadata.Uid, deleted.Metadata.Uid);
        var last = _bed.Api.Statuses[^1];
        Assert.Equal((0, "Completed"), (last.ContainerStatuses[0].State.Terminated.ExitCode, last.ContainerStatuses[0].State.Terminated.Reason));
        Assert.Equal("Succeeded", last.Phase);
        Assert.Empty(_bed.Runtime.Live);
        Assert.False(Directory.Exists(_bed.PodFolder(pod)));
        Assert.DoesNotContain(Directory.GetDirectories("/sys/fs/cgroup").Select(h => $"{h}{ContainerBed.CgroupParent}/pod{pod.Metadata.Uid}"), Directory.Exists);
    }

    [Fact]
    public async Task A_finished_pod_keeps_its_final_status_and_its_container_until_it_is_deleted()
    {
        var pod = PodBed.Pod("finished", "OnFailure", Testing.Pods.Container("true"));
        var worker = _bed.Run(pod);
        await _bed.Api.WaitForAsync(s => s.Phase == "Succeeded", "Succeeded");
        var written = _bed.Api.Statuses.Count;

        Assert.Single(_bed.Runtime.Live);
        await _bed.DeleteAsync(worker, pod, graceSeconds: 30);

        Assert.Empty(_bed.Runtime.Live);
        Assert.Equal(pod.Metadata.Uid, (await _bed.Api.DeletedAsync()).Metadata.Uid);
        Assert.All(_bed.Api.Statuses.Skip(written), s => Assert.Equal("Succeeded", s.Phase));
    }

    [Fact]
    public async Task A_missing_image_waits_with_ErrImagePull_then_ImagePullBackOff_naming_the_folder_it_looked_in()
    {
        var container = Testing.Pods.Container("true");
        container.Image = "registry.local/team/app:v2";
        var pod = PodBed.Pod("missing", "Always", container);
        _bed.Run(pod);

        var first = await _bed.Api.WaitForAsync(s => s.ContainerStatuses[0].State.Waiting?.Reason == "ErrImagePull", "ErrImagePull");
        _bed.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await _bed.Api.WaitForAsync(s => s.ContainerStatuses[0].State.Waiting?.Reason == "ImagePullBackOff", "ImagePullBackOff");

        Assert.Equal("Pending", first.Phase);
        Assert.Contains(Path.Combine(_bed.Root, "images", "registry.local_team_app_v2", "rootfs"), first.ContainerStatuses[0].State.Waiting.Message, StringComparison.Ordinal);
        Assert.Contains("registry.local_team_app_v2", second.ContainerStatuses[0].State.Waiting.Message, StringComparison.Ordinal);
        Assert.Contains(_bed.Api.Events, e => e is { Type: "Warning", Reason: "Failed" });
        Assert.Empty(_bed.Runtime.Created);
    }

    [Fact]
    public async Task ConfigMap_and_Secret_volumes_are_files_of_their_keys()
    {
        _bed.Api.ConfigMaps["settings"] = new V1ConfigMap { Data = new Dictionary<string, string> { ["greeting"] = "hello\n" } };
        _bed.Api.Secrets["token"] = new V1Secret { Data = new Dictionary<string, byte[]> { ["token"] = "s3cret\n"u8.ToArray() } };
        var main = Testing.Pods.Container("cat", "/etc/settings/greeting", "/etc/token/value");
        main.VolumeMounts = [Testing.Pods.Mount("/etc/settings", "settings", readOnly: true), Testing.Pods.Mount("/etc/token", "token", readOnly: true)];
        var pod = PodBed.Pod("configured", "Never", main);
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "settings", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } },
            new V1Volume { Name = "token", Secret = new V1SecretVolumeSource { SecretName = "token", Items = [new V1KeyToPath { Key = "token", Path = "value" }] } },
        ];

        _bed.Run(pod);
        await _bed.Api.WaitForAsync(s => s.Phase == "Succeeded", "Succeeded");

        Assert.Equal("hello\ns3cret", _bed.LogOf(pod, "main", 0));
    }

    [Fact]
    public async Task An_unsupported_volume_holds_the_pod_with_CreateContainerConfigError_and_an_event()
    {
        var pod = PodBed.Pod("hostpath", "Always", Testing.Pods.Container("true"));
        pod.Spec.Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/etc" } }];

        _bed.Run(pod);
        var status = await _bed.Api.WaitForAsync(s => s.ContainerStatuses[0].State.Waiting?.Reason == "CreateContainerConfigError", "CreateContainerConfigError");

        Assert.Equal("Pending", status.Phase);
        Assert.Contains("hostPath", status.ContainerStatuses[0].State.Waiting.Message, StringComparison.Ordinal);
        Assert.Contains(_bed.Api.Events, e => e is { Type: "Warning", Reason: "FailedMount" } && e.Message.Contains("hostPath", StringComparison.Ordinal));
        Assert.Empty(_bed.Runtime.Created);
    }

    [Fact]
    public async Task A_container_an_earlier_agent_left_running_is_removed_and_under_Never_reported_lost()
    {
        var pod = PodBed.Pod("adopted", "Never", Testing.Pods.Container("true"));
        var leftover = ContainerNames.Id(pod.Metadata.Uid, init: false, 0, 2);
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "main", Image = "busybox", ContainerID = "runc://" + leftover, RestartCount = 2,
                    State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = PodBed.Start.UtcDateTime.AddMinutes(-5) } },
                },
            ],
        };

        _bed.Run(pod);
        var status = await _bed.Api.WaitForAsync(s => s.Phase == "Failed", "Failed");

        var main = status.ContainerStatuses[0];
        Assert.Equal((137, "ContainerStatusUnknown", 2), (main.State.Terminated.ExitCode, main.State.Terminated.Reason, main.RestartCount));
        Assert.Empty(_bed.Runtime.Created);
    }
}
