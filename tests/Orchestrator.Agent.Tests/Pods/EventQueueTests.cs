using System.Threading.Channels;
using k8s.Models;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class EventQueueTests
{
    [Fact]
    public async Task Recording_an_event_returns_at_once_and_the_events_are_sent_in_the_order_they_happened()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = Channel.CreateUnbounded<string>();
        var queue = new EventQueue(
            async (reported, _) =>
            {
                // The API server is slow: nothing may wait for this but the queue itself.
                await release.Task;
                await sent.Writer.WriteAsync(reported.Reason);
            },
            _ => { });
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(stop.Token);

        Assert.True(queue.Enqueue(Event("Pulled")));
        Assert.True(queue.Enqueue(Event("Created")));
        Assert.True(queue.Enqueue(Event("Started")));
        release.SetResult();

        string[] order = [await sent.Reader.ReadAsync(), await sent.Reader.ReadAsync(), await sent.Reader.ReadAsync()];
        Assert.Equal(["Pulled", "Created", "Started"], order);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public void A_full_queue_drops_the_newest_events_counts_them_and_says_so_once_per_hundred()
    {
        var reports = new List<string>();
        var queue = new EventQueue((_, _) => Task.CompletedTask, reports.Add, capacity: 2);

        // Not running: the first two fill it, the next 101 are dropped; one line for the 1st drop, one for the 101st.
        var accepted = Enumerable.Range(0, 103).Count(i => queue.Enqueue(Event($"E{i}")));

        Assert.Equal(2, accepted);
        Assert.Equal(101, queue.Dropped);
        Assert.Equal(2, reports.Count);
        Assert.Contains("dropped 1 events so far, e.g. E2 for pod-a", reports[0]);
    }

    [Fact]
    public async Task A_failed_send_is_reported_and_the_events_after_it_are_still_sent()
    {
        var reports = new List<string>();
        var sent = Channel.CreateUnbounded<string>();
        var queue = new EventQueue(
            async (reported, _) =>
            {
                if (reported.Reason == "Broken")
                {
                    throw new HttpRequestException("connection refused");
                }
                await sent.Writer.WriteAsync(reported.Reason);
            },
            line =>
            {
                lock (reports)
                {
                    reports.Add(line);
                }
            });
        using var stop = new CancellationTokenSource();
        var running = queue.RunAsync(stop.Token);

        queue.Enqueue(Event("Broken"));
        queue.Enqueue(Event("Started"));

        Assert.Equal("Started", await sent.Reader.ReadAsync());
        lock (reports)
        {
            Assert.Single(reports);
            Assert.Contains("could not record event Broken for Pod default/pod-a", reports[0]);
        }
        await stop.CancelAsync();
        await running;
    }

    private static Corev1Event Event(string reason) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"pod-a.{reason}", NamespaceProperty = "default" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "pod-a", NamespaceProperty = "default" },
        Reason = reason,
        Type = "Normal",
    };
}
