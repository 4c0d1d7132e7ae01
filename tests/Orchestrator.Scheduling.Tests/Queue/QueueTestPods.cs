using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Queue;

namespace Orchestrator.Scheduling.Tests.Queue;

/// <summary>Pods for queue tests and the moves that put one in a given set.</summary>
internal static class QueueTestPods
{
    public static PodInfo Pod(string name, int priority = 0, string? uid = null) =>
        new() { Name = name, Uid = uid ?? "uid-" + name, Priority = priority };

    public static string Key(string name) => "default/" + name;

    /// <summary>Adds the pod and moves it into the named set: Backoff through a bind conflict, Unschedulable through a NodeResourcesFit rejection.</summary>
    public static PodInfo Into(this SchedulingQueue queue, QueueName target, PodInfo pod)
    {
        queue.Add(pod);
        if (target == QueueName.Active)
        {
            return pod;
        }

        var popped = queue.Pop()!;
        Assert.Equal(SchedulingQueue.KeyOf(pod), popped.Key);
        switch (target)
        {
            case QueueName.Backoff:
                queue.Requeue(popped.Pod, popped.Attempts);
                break;
            case QueueName.Unschedulable:
                queue.AddUnschedulable(popped.Pod, ["NodeResourcesFit"], popped.Attempts);
                break;
            default:
                break;
        }

        Assert.Equal(target, queue.Find(popped.Key)!.Queue);
        return pod;
    }

    public static List<string> PopAll(this SchedulingQueue queue)
    {
        var names = new List<string>();
        while (queue.Pop() is { } popped)
        {
            names.Add(popped.Pod.Name);
        }

        return names;
    }
}
