using k8s.Models;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>
/// One test's pod workers: a temp data folder, a busybox image in an images folder, a runtime, a manual clock and an
/// in-memory API. Disposing deletes whatever the test left: workers, containers, cgroups and folders.
/// </summary>
internal sealed class PodBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<(PodWorker Worker, Task Run)> _workers = [];
    private readonly StringWriter _progress = new();

    private PodBed(string root, Func<string, IContainerRuntime> runtime, IRootfsProvider? images)
    {
        Root = root;
        Runtime = new RecordingRuntime(runtime(DataDirectory));
        Images = images ?? new DirectoryRootfsProvider(Path.Combine(root, "images"));
        Options = new AgentOptions
        {
            NodeName = "node-1",
            DataDirectory = DataDirectory,
            InternalIP = "10.0.0.7",
            // 1 s doubling to 4 s: the schedule 0, 1, 2, 4, 4... in test time.
            Backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20)),
            Bundle = new BundleOptions { CgroupParent = ContainerBed.CgroupParent },
            Progress = TextWriter.Synchronized(_progress),
        };
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public RecordingRuntime Runtime { get; }

    public IRootfsProvider Images { get; }

    public ManualClock Clock { get; } = new(Start);

    public RecordingPodApi Api { get; } = new();

    public AgentOptions Options { get; }

    public string Progress => _progress.ToString();

    /// <summary>A bed with runc and a busybox image named busybox.</summary>
    public static PodBed Runc() => Create(OciRuntime.Runc, images: null);

    public static PodBed Create(Func<string, IContainerRuntime> runtime, IRootfsProvider? images)
    {
        Assert.True(Environment.IsPrivilegedProcess, "The pod worker tests drive a real OCI runtime and cgroups: run them as root.");
        var root = Directory.CreateTempSubdirectory("orchestrator-pods-").FullName;
        try
        {
            BusyboxRootfs.Create(Path.Combine(root, "images", "busybox", "rootfs"));
            return new PodBed(root, runtime, images);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public static V1Pod Pod(string name, string restartPolicy, params V1Container[] containers)
    {
        var pod = Pods.Named(name);
        pod.Spec.NodeName = "node-1";
        pod.Spec.RestartPolicy = restartPolicy;
        // What the bed's cleanup uses; a test that deletes gracefully gives its own grace period.
        pod.Spec.TerminationGracePeriodSeconds = 0;
        pod.Spec.Containers = [.. containers.Select(WithImage)];
        return pod;
    }

    public static V1Container WithImage(V1Container container)
    {
        container.Image ??= "busybox";
        return container;
    }

    public static V1Container Named(V1Container container, string name)
    {
        container.Name = name;
        return container;
    }

    public PodWorker Run(V1Pod pod)
    {
        var context = new PodWorkerContext(Options, Runtime, Images, Api, Api, Clock);
        var worker = new PodWorker(pod, context);
        _workers.Add((worker, worker.RunAsync(_stop.Token)));
        return worker;
    }

    /// <summary>Deletes the pod as the API server would: a deletionTimestamp and a grace period; completes when the worker is done.</summary>
    public Task DeleteAsync(PodWorker worker, V1Pod pod, long graceSeconds)
    {
        pod.Metadata.DeletionTimestamp = Clock.GetUtcNow().UtcDateTime;
        pod.Metadata.DeletionGracePeriodSeconds = graceSeconds;
        worker.Observe(pod);
        return _workers.Single(w => w.Worker == worker).Run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public string PodFolder(V1Pod pod) => Path.Combine(DataDirectory, "pods", pod.Metadata.Uid);

    public string LogOf(V1Pod pod, string container, int restartCount) =>
        string.Join('\n', File.ReadAllLines(Path.Combine(PodFolder(pod), "logs", container, $"{restartCount}.log"))
            .Select(line => Orchestrator.Agent.Logs.CriLogLine.Parse(line)!.Content));

    public async ValueTask DisposeAsync()
    {
        foreach (var (worker, _) in _workers)
        {
            worker.ObserveDeleted();
        }
        try
        {
            await Task.WhenAll(_workers.Select(w => w.Run)).WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await _stop.CancelAsync();
            foreach (var id in Runtime.Live)
            {
                await Runtime.DeleteAsync(id);
            }
            foreach (var (worker, _) in _workers)
            {
                PodCgroups.Remove(ContainerBed.CgroupParent, worker.Uid);
            }
            Directory.Delete(Root, recursive: true);
            _stop.Dispose();
        }
    }
}
