using Orchestrator.Controllers.Runtime;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class EventSpamFilterTests
{
    private static readonly string ReplicaSet = EventSpamFilter.KeyOf("replicaset-controller", "ReplicaSet", "default", "web-1", "uid-1", "apps/v1");

    [Fact]
    public void An_object_gets_a_burst_of_25_events_then_one_every_5_minutes()
    {
        var filter = new EventSpamFilter();

        var burst = Enumerable.Range(0, 30).Count(_ => filter.TryAccept(ReplicaSet, Now));

        // 25 at once; after 4 min 59 s still none; at 5 min exactly one more; at 15 min two more (not a new burst of 25).
        Assert.Equal(
            [25, 0, 1, 2],
            [burst, Accepted(filter, Now.AddSeconds(299)), Accepted(filter, Now.AddMinutes(5)), Accepted(filter, Now.AddMinutes(15))]);
    }

    [Fact]
    public void Each_source_and_object_has_its_own_bucket_whatever_the_reason()
    {
        var filter = new EventSpamFilter(burst: 2);
        var otherObject = EventSpamFilter.KeyOf("replicaset-controller", "ReplicaSet", "default", "web-2", "uid-2", "apps/v1");
        var otherSource = EventSpamFilter.KeyOf("deployment-controller", "ReplicaSet", "default", "web-1", "uid-1", "apps/v1");

        Assert.Equal([2, 2, 2], [Accepted(filter, Now, ReplicaSet), Accepted(filter, Now, otherObject), Accepted(filter, Now, otherSource)]);
    }

    [Fact]
    public void The_least_recently_used_bucket_is_forgotten_past_the_capacity()
    {
        var filter = new EventSpamFilter(burst: 1, capacity: 2);
        string Key(int i) => EventSpamFilter.KeyOf("c", "Pod", "default", $"p{i}", $"u{i}", "v1");
        filter.TryAccept(Key(1), Now);
        filter.TryAccept(Key(2), Now);
        filter.TryAccept(Key(1), Now); // key 1 used last: key 2 is the oldest
        filter.TryAccept(Key(3), Now); // evicts key 2

        // Key 1 was kept, and is empty; key 2 starts again with a full bucket.
        Assert.Equal([false, true], [filter.TryAccept(Key(1), Now), filter.TryAccept(Key(2), Now)]);
    }

    private static int Accepted(EventSpamFilter filter, DateTimeOffset at, string? key = null) =>
        Enumerable.Range(0, 30).Count(_ => filter.TryAccept(key ?? ReplicaSet, at));
}
