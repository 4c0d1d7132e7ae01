using Orchestrator.Controllers.NodeLifecycle;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.NodeLifecycle;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_bucket_gives_one_token_at_once_then_one_per_period()
    {
        var bucket = new TokenBucket(0.5, Now);

        // Full at 0 s; 1/0.5 = 2 s to refill.
        Assert.Equal(
            [true, false, false, true],
            [bucket.TryAccept(Now), bucket.TryAccept(Now), bucket.TryAccept(Now.AddSeconds(1.9)), bucket.TryAccept(Now.AddSeconds(2))]);
    }

    [Fact]
    public void A_zero_rate_never_gives_a_token()
    {
        Assert.False(new TokenBucket(0, Now).TryAccept(Now.AddDays(1)));
    }

    [Theory]
    [InlineData(true, true)] // the old bucket still had its token: the new one starts full
    [InlineData(false, false)] // the old one was spent: the new one starts drained, as kube's SwapLimiter does
    public void A_swapped_bucket_starts_drained_if_the_old_one_was(bool oldHadToken, bool newHasToken)
    {
        var old = new TokenBucket(0.1, Now);
        if (!oldHadToken)
        {
            old.TryAccept(Now);
        }

        Assert.Equal(newHasToken, old.Swap(1, Now).TryAccept(Now));
    }
}
