using System.Text.RegularExpressions;

namespace Orchestrator.Tests.Agent;

/// <summary>Real containers under runc on a real agent, driven with the real kubectl: lifecycle, limits, restarts and logs.</summary>
public sealed partial class AgentTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private Testing.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task A_pod_runs_to_completion_in_its_own_pid_and_uts_namespaces_and_kubectl_logs_shows_its_output()
    {
        var ns = await fixture.NamespaceAsync("hello");

        (await Kubectl.RunAsync("run", "hello", "-n", ns, $"--image={AgentFixture.Image}", "--restart=Never", "--",
            "sh", "-c", "echo hello from a container; hostname; echo pid $$$$")).Succeeded();
        await fixture.WaitForAsync(ns, "hello", ".status.phase", "Succeeded");

        // $$$$ reaches the shell as $$ (Kubernetes expands $$ to $), the shell's own pid: 1 in its pid namespace.
        var logs = (await Kubectl.RunAsync("logs", "-n", ns, "hello")).Succeeded().Output;
        Assert.Equal("hello from a container\nhello\npid 1\n", logs);
        var last = (await Kubectl.RunAsync("logs", "-n", ns, "hello", "--tail=1", "--timestamps")).Succeeded().Output;
        Assert.Matches(TimestampedLine(), last);
        var status = (await Kubectl.RunAsync("get", "-n", ns, "pod", "hello", "-o",
            "jsonpath={.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode} {.spec.nodeName}")).Succeeded().Output;
        Assert.Equal($"Completed 0 {AgentFixture.Node}", status);
        var describe = await fixture.DescribeShowingAsync(ns, "hello", "Started container hello");
        Assert.Contains($"Container image \"{AgentFixture.Image}\" already present on machine", describe);
        Assert.Contains("Created container hello", describe);
        Assert.Contains("Started container hello", describe);
    }

    [Fact]
    public async Task A_failing_container_is_restarted_with_backoff_and_its_previous_log_is_kept()
    {
        var ns = await fixture.NamespaceAsync("crash");

        (await Kubectl.RunAsync("run", "crash", "-n", ns, $"--image={AgentFixture.Image}", "--restart=OnFailure", "--",
            "sh", "-c", "echo attempt at $(cat /proc/uptime) $RANDOM; exit 3")).Succeeded();
        await fixture.WaitForAsync(ns, "crash", ".status.containerStatuses[0].restartCount", "2");
        await fixture.WaitForAsync(ns, "crash", ".status.containerStatuses[0].state.waiting.reason", "CrashLoopBackOff");

        var last = (await Kubectl.RunAsync("get", "-n", ns, "pod", "crash", "-o",
            "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason} {.status.phase}")).Succeeded().Output;
        Assert.Equal("3 Error Running", last);
        var previous = (await Kubectl.RunAsync("logs", "-n", ns, "crash", "--previous")).Succeeded().Output;
        Assert.StartsWith("attempt at ", previous);

        // While it backs off, the container waits with the attempt that just died as its last termination, which both
        // kubectl logs and kubectl logs --previous show, as on a kubelet (before, --previous showed the attempt before).
        // The status can lag the next attempt's start, so the two are compared over a few back-offs until they agree;
        // each attempt's line is its own (busybox's date has no %N, and attempts a second apart printed the same line).
        var agreed = false;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!agreed && DateTime.UtcNow < until)
        {
            var waiting = (await Kubectl.RunAsync("get", "-n", ns, "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}")).Succeeded().Output;
            var logs = (await Kubectl.RunAsync("logs", "-n", ns, "crash")).Succeeded().Output;
            var lastTerminated = (await Kubectl.RunAsync("logs", "-n", ns, "crash", "--previous")).Succeeded().Output;
            agreed = waiting == "CrashLoopBackOff" && logs.StartsWith("attempt at ", StringComparison.Ordinal) && logs == lastTerminated;
            await Task.Delay(agreed ? 0 : 200);
        }
        Assert.True(agreed, "kubectl logs and kubectl logs --previous never showed the same attempt during CrashLoopBackOff");
        // The pod moves between Running (an attempt) and CrashLoopBackOff (its backoff) every few seconds, as on a
        // kubelet; the table must show the waiting reason while it backs off, so it is read until it does.
        var get = "";
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!get.Contains("CrashLoopBackOff", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            get = (await Kubectl.RunAsync("get", "-n", ns, "pod", "crash")).Succeeded().Output;
            await Task.Delay(get.Contains("CrashLoopBackOff", StringComparison.Ordinal) ? 0 : 200);
        }
        if (!get.Contains("CrashLoopBackOff", StringComparison.Ordinal))
        {
            // The whole line and the pod as the status says it, which Assert.Contains cuts off before the STATUS column.
            var yaml = (await Kubectl.RunAsync("get", "-n", ns, "pod", "crash", "-o", "yaml")).Output;
            Assert.Fail($"kubectl get pod shows no CrashLoopBackOff:\n{get}\n{yaml}\nagent:\n{fixture.Agent.Output}");
        }
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_OOMKilled()
    {
        var ns = await fixture.NamespaceAsync("oom");
        var pod = $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: hog, namespace: {{ns}}}
            spec:
              restartPolicy: Never
              containers:
              - name: hog
                image: {{AgentFixture.Image}}
                command: [sh, -c, 'x=a; while true; do x="$x$x"; done']
                resources:
                  limits: {memory: 32Mi, cpu: 500m}
            """;

        (await Kubectl.RunWithInputAsync(pod, "apply", "-f", "-")).Succeeded();
        await fixture.WaitForAsync(ns, "hog", ".status.phase", "Failed");

        var state = (await Kubectl.RunAsync("get", "-n", ns, "pod", "hog", "-o",
            "jsonpath={.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].state.terminated.exitCode}")).Succeeded().Output;
        Assert.Equal("OOMKilled 137", state);
    }

    [Fact]
    public async Task Kubectl_logs_follows_a_running_container_and_names_the_choices_when_a_pod_has_two()
    {
        var ns = await fixture.NamespaceAsync("logs");
        var pod = $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: two, namespace: {{ns}}}
            spec:
              containers:
              - {name: ticker, image: {{AgentFixture.Image}}, command: [sh, -c, 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done']}
              - {name: quiet, image: {{AgentFixture.Image}}, command: [sleep, '3600']}
            """;
        (await Kubectl.RunWithInputAsync(pod, "apply", "-f", "-")).Succeeded();
        await fixture.WaitForAsync(ns, "two", ".status.phase", "Running");

        // kubectl 1.32 picks the first container itself; the API server, asked without one, names the choices.
        var defaulted = (await Kubectl.RunAsync("logs", "-n", ns, "two", "--tail=1")).Succeeded();
        Assert.Contains("Defaulted container \"ticker\" out of: ticker, quiet", defaulted.Error);
        var choose = await Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/two/log");
        Assert.NotEqual(0, choose.ExitCode);
        Assert.Contains("a container name must be specified for pod two, choose one of: [ticker quiet]", choose.Error);
        var unknown = await Kubectl.RunAsync("logs", "-n", ns, "two", "-c", "nope");
        Assert.Contains("container nope is not valid for pod two", unknown.Error);

        // Follow: lines keep arriving after the ones already written.
        using var follow = Kubectl.Start("logs", "-n", ns, "two", "-c", "ticker", "-f", "--tail=1");
        var lines = new List<string>();
        while (lines.Count < 5)
        {
            var line = await follow.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(line);
            lines.Add(line);
        }

        follow.Kill();
        var numbers = lines.Select(l => int.Parse(l["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 5), numbers);
    }

    [Fact]
    public async Task Deleting_a_pod_stops_its_container_gracefully_and_removes_it()
    {
        var ns = await fixture.NamespaceAsync("delete");
        (await Kubectl.RunAsync("run", "graceful", "-n", ns, $"--image={AgentFixture.Image}", "--",
            "sh", "-c", "trap 'echo got TERM; exit 0' TERM; while true; do sleep 0.1; done")).Succeeded();
        await fixture.WaitForAsync(ns, "graceful", ".status.phase", "Running");
        var uid = (await Kubectl.RunAsync("get", "-n", ns, "pod", "graceful", "-o", "jsonpath={.metadata.uid}")).Succeeded().Output;

        var started = System.Diagnostics.Stopwatch.StartNew();
        (await Kubectl.RunAsync("delete", "-n", ns, "pod", "graceful", "--timeout=30s")).Succeeded();

        // The trap answers SIGTERM at once, well inside the 30 s grace period, and the agent removes the pod's folder.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"deleting took {started.Elapsed}");
        Assert.False(Directory.Exists(Path.Combine(fixture.AgentDir, "pods", uid)), "the pod's folder is still on the node");
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_and_readiness_gates_the_ready_condition()
    {
        var ns = await fixture.NamespaceAsync("probes");
        var pod = $$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: probed, namespace: {{ns}}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: app
                image: {{AgentFixture.Image}}
                command: [sh, -c, 'touch /tmp/alive; sleep 3; touch /tmp/ready; sleep 3; rm /tmp/alive; sleep 600']
                readinessProbe:
                  exec: {command: [cat, /tmp/ready]}
                  periodSeconds: 1
                livenessProbe:
                  exec: {command: [cat, /tmp/alive]}
                  periodSeconds: 1
                  failureThreshold: 2
            """;

        (await Kubectl.RunWithInputAsync(pod, "apply", "-f", "-")).Succeeded();
        await fixture.WaitForAsync(ns, "probed", ".status.phase", "Running");

        // Running but not ready until /tmp/ready exists (3 s), then ready; /tmp/alive goes at 6 s, two failed
        // liveness checks a second apart later the container is stopped and started again.
        var early = (await Kubectl.RunAsync("get", "-n", ns, "pod", "probed", "-o", "jsonpath={.status.containerStatuses[0].ready}")).Succeeded().Output;
        Assert.Equal("false", early);
        await fixture.WaitForAsync(ns, "probed", ".status.conditions[?(@.type==\"Ready\")].status", "True", 30);
        await fixture.WaitForAsync(ns, "probed", ".status.containerStatuses[0].restartCount", "1", 60);

        var events = (await Kubectl.RunAsync("get", "events", "-n", ns, "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}")).Succeeded().Output;
        Assert.Contains("Unhealthy: Liveness probe failed: command cat /tmp/alive exited with 1", events);
        Assert.Contains("Killing: Container app failed liveness probe, will be restarted", events);
    }

    [Fact]
    public async Task A_restarted_agent_adopts_running_containers_without_restarting_them_and_keeps_their_logs_whole()
    {
        var ns = await fixture.NamespaceAsync("adopt");
        (await Kubectl.RunAsync("run", "ticker", "-n", ns, $"--image={AgentFixture.Image}", "--",
            "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done")).Succeeded();
        await fixture.WaitForAsync(ns, "ticker", ".status.phase", "Running");
        const string Identity = "jsonpath={.status.containerStatuses[0].containerID} {.status.containerStatuses[0].state.running.startedAt} {.status.containerStatuses[0].restartCount}";
        var before = (await Kubectl.RunAsync("get", "-n", ns, "pod", "ticker", "-o", Identity)).Succeeded().Output;

        await fixture.Agent.StopAsync();
        await Task.Delay(2000);
        await fixture.StartAgentAsync();
        // The node is still Ready from before the restart, so that wait returns at once; logs are served once the new
        // agent has adopted the container and published its own log port (a fixed 3 s was too short under load).
        await fixture.WaitForLogsAsync(ns, "ticker");

        // Same container, same start, no restart; and the ticks it printed while no agent ran are in its log once each.
        var after = (await Kubectl.RunAsync("get", "-n", ns, "pod", "ticker", "-o", Identity)).Succeeded().Output;
        Assert.Equal(before, after);
        Assert.EndsWith(" 0", after);
        await AssertTicksContinuousAsync(ns, "ticker");
    }

    [Fact]
    public async Task Pods_keep_running_through_a_control_plane_outage_and_are_reported_again_after_it()
    {
        var ns = await fixture.NamespaceAsync("outage");
        (await Kubectl.RunAsync("run", "survivor", "-n", ns, $"--image={AgentFixture.Image}", "--",
            "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done")).Succeeded();
        await fixture.WaitForAsync(ns, "survivor", ".status.phase", "Running");
        const string Identity = "jsonpath={.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}";
        var before = (await Kubectl.RunAsync("get", "-n", ns, "pod", "survivor", "-o", Identity)).Succeeded().Output;

        // Ten seconds without an API server: the agent's calls fail and back off; its containers are not touched.
        await fixture.RestartServerAsync(TimeSpan.FromSeconds(10));
        await fixture.WaitForAsync(ns, "survivor", ".status.phase", "Running");
        Assert.False(fixture.Agent.HasExited, $"the agent exited during the outage:\n{fixture.Agent.Output}");

        var after = (await Kubectl.RunAsync("get", "-n", ns, "pod", "survivor", "-o", Identity)).Succeeded().Output;
        Assert.Equal(before, after);
        await AssertTicksContinuousAsync(ns, "survivor");
        await fixture.WaitForAsync(ns, "survivor", ".status.conditions[?(@.type==\"Ready\")].status", "True");
        (await Kubectl.RunAsync("wait", "--for=condition=Ready", $"node/{AgentFixture.Node}", "--timeout=60s")).Succeeded();
    }

    private async Task AssertTicksContinuousAsync(string ns, string pod)
    {
        var ticks = (await Kubectl.RunAsync("logs", "-n", ns, pod)).Succeeded().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.Parse(l["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(ticks.Count > 20, $"only {ticks.Count} ticks in the log");
        Assert.Equal(Enumerable.Range(0, ticks.Count), ticks);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z pid 1\n$")]
    private static partial Regex TimestampedLine();
}
