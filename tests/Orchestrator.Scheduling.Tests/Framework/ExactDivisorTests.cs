using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class ExactDivisorTests
{
    // Dividends and divisors where a rounded reciprocal lands on the wrong side of an integer: exact multiples,
    // one below them, the 2^52 edge, and the sizes scoring divides (milli-cpu, bytes of memory, weights, score sums).
    [Theory]
    [InlineData(0, 1)]
    [InlineData(99, 100)]
    [InlineData(100, 100)]
    [InlineData(3_200_000, 32_000)]
    [InlineData(3_199_999, 32_000)]
    [InlineData(13_743_895_347_200, 137_438_953_472)]
    [InlineData(13_743_895_347_199, 137_438_953_472)]
    [InlineData(299, 3)]
    [InlineData(300, 3)]
    [InlineData(4_503_599_627_370_496, 3)]
    [InlineData(4_503_599_627_370_497, 7)]
    [InlineData(-7, 2)]
    [InlineData(7, -2)]
    [InlineData(long.MaxValue, 10)]
    public void Dividing_gives_what_integer_division_gives(long dividend, long divisor)
    {
        Assert.Equal(dividend / divisor, new ExactDivisor(divisor).Divide(dividend));
    }

    [Fact]
    public void Every_quotient_scoring_can_ask_for_matches_integer_division()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var divisor = i % 2 == 0 ? random.NextInt64(1, 1L << 40) : random.NextInt64(1, 1_000);
            var dividend = random.NextInt64(0, Math.Min(divisor * 101, 1L << 52));
            Assert.Equal(dividend / divisor, new ExactDivisor(divisor).Divide(dividend));
        }
    }

    [Fact]
    public void Dividing_by_zero_throws_as_integer_division_does()
    {
        Assert.Throws<DivideByZeroException>(() => new ExactDivisor(0).Divide(5));
    }
}
