using System.Diagnostics;
using k8s.Models;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>One test's own temp folder, busybox rootfs and runtime; disposing deletes its containers, cgroups and folder.</summary>
public sealed class ContainerBed : IAsyncDisposable
{
    public const string CgroupParent = "/orchestrator-tests";

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly BundleBuilder _builder = new(new BundleOptions { CgroupParent = CgroupParent });
    private readonly List<string> _ids = [];
    private readonly List<string> _podUids = [];

    private ContainerBed(string root, IContainerRuntime runtime)
    {
        Root = root;
        Runtime = runtime;
    }

    public string Root { get; }

    public IContainerRuntime Runtime { get; }

    public static ContainerBed Create(Func<string, IContainerRuntime> runtime)
    {
        var root = Directory.CreateTempSubdirectory("orchestrator-agent-").FullName;
        try
        {
            BusyboxRootfs.Create(Path.Combine(root, "rootfs"));
            return new ContainerBed(root, runtime(Path.Combine(root, "data")));
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public async Task<string> StartAsync(V1Pod pod, V1Container container, IReadOnlyDictionary<string, string>? volumes = null)
    {
        var id = $"t-{Guid.NewGuid():N}";
        _ids.Add(id);
        _podUids.Add(pod.Metadata.Uid);
        var spec = _builder.Build(pod, container, id, new BundlePaths(Path.Combine(Root, "rootfs"), volumes ?? new Dictionary<string, string>()));
        await Runtime.RunAsync(new ContainerRequest(id, Path.Combine(Root, "bundles", id), spec, LogPath(id)));
        return id;
    }

    public async Task<(string Id, ContainerExit Exit)> RunToExitAsync(V1Pod pod, V1Container container, IReadOnlyDictionary<string, string>? volumes = null)
    {
        var id = await StartAsync(pod, container, volumes);
        return (id, await Runtime.WaitAsync(id).WaitAsync(ExitTimeout));
    }

    public string LogOf(string id) => File.ReadAllText(LogPath(id));

    /// <summary>Waits until the container has printed a line; there is no event for that but the file growing.</summary>
    public async Task WaitForLogAsync(string id, string line)
    {
        var clock = Stopwatch.StartNew();
        while (!LogOf(id).Split('\n').Contains(line))
        {
            Assert.True(clock.Elapsed < ExitTimeout, $"Container {id} did not print '{line}'; its log: {LogOf(id)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var id in _ids)
        {
            try
            {
                await Runtime.DeleteAsync(id);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }
        // The runtime removes a container's cgroup; the pod's cgroup above it is the agent's to remove.
        foreach (var hierarchy in Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [])
        {
            foreach (var pod in _podUids.Distinct().Select(uid => $"{hierarchy}{CgroupParent}/pod{uid}").Where(Directory.Exists))
            {
                Directory.Delete(pod);
            }
        }
        Directory.Delete(Root, recursive: true);
        if (failures.Count > 0)
        {
            throw new AggregateException("Cleaning up the containers failed.", failures);
        }
    }

    private string LogPath(string id) => Path.Combine(Root, "logs", $"{id}.log");
}
