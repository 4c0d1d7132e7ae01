namespace Orchestrator.Scheduling.Framework;

/// <summary>
/// Integer division by a divisor fixed for many dividends, exactly as <c>/</c> truncates, by multiplying with the
/// reciprocal and correcting the last step: scoring divides by the same allocatable (or score maximum) on every node,
/// and a 64-bit divide costs several times a multiply.
/// </summary>
/// <remarks>
/// For a dividend in 0..2^52 and a positive divisor the product is within one of the quotient, so one correction
/// each way makes it exact; anything else (negative, zero divisor, huge values) takes the plain division.
/// </remarks>
internal readonly struct ExactDivisor
{
    private const long MaxFast = 1L << 52;

    private readonly double _inverse;

    public ExactDivisor(long divisor)
    {
        Divisor = divisor;
        _inverse = divisor > 0 ? 1.0 / divisor : 0;
    }

    public long Divisor { get; }

    /// <summary>dividend / Divisor, truncated toward zero as C# integer division is.</summary>
    public long Divide(long dividend)
    {
        if ((ulong)dividend > MaxFast || Divisor <= 0)
        {
            return dividend / Divisor;
        }

        var quotient = (long)(dividend * _inverse);
        if (quotient * Divisor > dividend)
        {
            quotient--;
        }
        else if ((quotient + 1) * Divisor <= dividend)
        {
            quotient++;
        }

        return quotient;
    }
}
