using Orchestrator.Scheduling.Queue;
using static Orchestrator.Scheduling.Tests.Queue.QueueTestPods;

namespace Orchestrator.Scheduling.Tests.Queue;

public sealed class SchedulingQueueInvariantTests
{
    private static readonly ClusterEvent[] Events =
    [
        ClusterEvent.NodeAdded, ClusterEvent.NodeUncordoned, ClusterEvent.NodeLabelsChanged, ClusterEvent.NodeTaintsChanged,
        ClusterEvent.NodeAllocatableChanged, ClusterEvent.AssignedPodAdded, ClusterEvent.AssignedPodDeleted, ClusterEvent.Any,
    ];

    private static readonly string[][] Rejections =
        [[], ["NodeResourcesFit"], ["TaintToleration", "NodeAffinity"], ["PodTopologySpread"], ["SomeOutOfTreePlugin"]];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_pod_is_never_in_two_sets_at_once_whatever_the_calls(int seed)
    {
        var clock = new ManualTimeProvider();
        using var queue = new SchedulingQueue(clock);
        var random = new Random(seed);
        var live = new HashSet<string>();
        var popped = new List<QueuedPodInfo>();

        for (var step = 0; step < 3000; step++)
        {
            var name = "p" + random.Next(25);
            switch (random.Next(9))
            {
                case 0:
                case 1:
                    queue.Add(Pod(name, random.Next(3)));
                    live.Add(Key(name));
                    break;
                case 2:
                    queue.Update(Pod(name, random.Next(3)));
                    live.Add(Key(name));
                    break;
                case 3:
                    queue.Delete(Key(name));
                    live.Remove(Key(name));
                    break;
                case 4:
                case 5:
                    if (queue.Pop() is { } next)
                    {
                        popped.Add(next);
                    }

                    break;
                case 6:
                    if (popped.Count > 0)
                    {
                        var index = random.Next(popped.Count);
                        Finish(queue, popped[index], random, live);
                        popped.RemoveAt(index);
                    }

                    break;
                case 7:
                    queue.MoveOnEvent(Events[random.Next(Events.Length)]);
                    break;
                default:
                    clock.Advance(TimeSpan.FromMilliseconds(random.Next(random.Next(10) == 0 ? 400_000 : 5_000)));
                    break;
            }

            AssertEachLivePodIsInExactlyOneSet(queue, live);
        }
    }

    private static void Finish(SchedulingQueue queue, QueuedPodInfo popped, Random random, HashSet<string> live)
    {
        switch (random.Next(3))
        {
            case 0:
                // The model mirrors Done only when the pod is still in flight: then it was bound and leaves.
                if (queue.Find(popped.Key)?.Queue == QueueName.InFlight)
                {
                    live.Remove(popped.Key);
                }

                queue.Done(popped.Key);
                break;
            case 1:
                queue.AddUnschedulable(popped.Pod, Rejections[random.Next(Rejections.Length)], popped.Attempts);
                queue.Done(popped.Key);
                break;
            default:
                queue.Requeue(popped.Pod, popped.Attempts);
                queue.Done(popped.Key);
                break;
        }
    }

    private static void AssertEachLivePodIsInExactlyOneSet(SchedulingQueue queue, HashSet<string> live)
    {
        var pending = queue.PendingPods();
        var counts = (queue.ActiveCount, queue.BackoffCount, queue.UnschedulableCount);

        Assert.Equal(pending.Length, pending.Select(p => p.Key).Distinct().Count());
        Assert.Equal(
            (pending.Count(p => p.Queue == QueueName.Active), pending.Count(p => p.Queue == QueueName.Backoff), pending.Count(p => p.Queue == QueueName.Unschedulable)),
            counts);
        Assert.Equal(live.Count, pending.Length + queue.InFlightCount);
        Assert.All(live, key => Assert.NotNull(queue.Find(key)));
    }
}
