using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class ControllerLoopTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("controller-loop-").FullName;
    private ObjectLog _log = null!;

    public Task InitializeAsync()
    {
        _log = ObjectLog.Open(new SqliteObjectLogBackend(Path.Combine(_folder, "objects.db")), (_, _) => new ObjectSummary(Guid.NewGuid().ToString(), null, null));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Workers_start_only_after_every_watch_has_delivered_its_initial_list()
    {
        await WriteAsync("/things", "a");
        await WriteAsync("/things", "b");
        await WriteAsync("/others", "c");
        var controller = new RecordingController(failures: 0);
        using var loop = Start(controller);

        var first = await controller.FirstReconcile.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await loop.StopAsync(CancellationToken.None);

        Assert.Equal(["/others//c", "/things//a", "/things//b"], first.Order());
    }

    [Fact]
    public async Task A_failed_reconcile_is_retried_until_it_succeeds()
    {
        await WriteAsync("/things", "a");
        var controller = new RecordingController(failures: 3);
        using var loop = Start(controller);

        await controller.Succeeded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await loop.StopAsync(CancellationToken.None);

        Assert.Equal(4, controller.Attempts["a"]);
    }

    private ControllerLoop Start(IController controller)
    {
        var loop = new ControllerLoop(controller, _log.Cache, TimeProvider.System,
            new ControllerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, NullLogger<ControllerLoop>.Instance);
        _ = loop.StartAsync(CancellationToken.None);
        return loop;
    }

    private Task WriteAsync(string resource, string name) =>
        _log.Append(new ObjectKey(resource, "", name), false, _ => (Encoding.UTF8.GetBytes("{}"), new ObjectSummary(name, null, null))).Committed;

    /// <summary>Records which changes it saw before its first reconcile, and fails each key a given number of times.</summary>
    private sealed class RecordingController(int failures) : IController
    {
        private readonly ConcurrentQueue<string> _seen = new();

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        public TaskCompletionSource<string[]> FirstReconcile { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "recording";

        public IReadOnlyList<string> Watches => ["/things", "/others"];

        public IEnumerable<string> KeysFor(ChangeEvent change)
        {
            _seen.Enqueue(change.Object.Key.ToString());
            return [change.Object.Key.Name];
        }

        public Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            FirstReconcile.TrySetResult([.. _seen]);
            if (Attempts.AddOrUpdate(key, 1, (_, n) => n + 1) <= failures)
            {
                throw new InvalidOperationException("not yet");
            }
            Succeeded.TrySetResult();
            return Task.FromResult<TimeSpan?>(null);
        }
    }
}
