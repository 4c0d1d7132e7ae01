namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>client-go's token bucket with a burst of one on an explicit clock; a rate of 0 never accepts.</summary>
public sealed class TokenBucket(double rate, DateTimeOffset now)
{
    private double _tokens = rate > 0 ? 1 : 0;
    private DateTimeOffset _last = now;

    public double Rate => rate;

    public bool TryAccept(DateTimeOffset now)
    {
        if (rate <= 0)
        {
            return false;
        }
        if (now > _last)
        {
            _tokens = Math.Min(1, _tokens + (now - _last).TotalSeconds * rate);
            _last = now;
        }
        if (_tokens >= 1 - 1e-9)
        {
            _tokens -= 1;
            return true;
        }
        return false;
    }

    /// <summary>A bucket at <paramref name="newRate"/>, drained if this one had no token left (as kube swaps limiters).</summary>
    public TokenBucket Swap(double newRate, DateTimeOffset now)
    {
        var next = new TokenBucket(newRate, now);
        if (newRate > 0 && !TryAccept(now))
        {
            next.TryAccept(now);
        }
        return next;
    }
}
