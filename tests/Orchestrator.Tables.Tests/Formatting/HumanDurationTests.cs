using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Tests.Formatting;

public class HumanDurationTests
{
    public static TheoryData<TimeSpan, string> Durations => new()
    {
        // Negative: int(d.Seconds()) truncates toward zero, so up to -1.999s is skew and reads "0s".
        { TimeSpan.FromSeconds(-1.9), "0s" },
        { TimeSpan.FromSeconds(-1), "0s" },
        { TimeSpan.FromSeconds(-2), "<invalid>" },
        { TimeSpan.Zero, "0s" },
        { TimeSpan.FromMilliseconds(999), "0s" },
        { TimeSpan.FromSeconds(5), "5s" },

        // Seconds are shown up to 2 minutes.
        { TimeSpan.FromSeconds(119), "119s" },
        { TimeSpan.FromSeconds(120), "2m" },
        { TimeSpan.FromSeconds(121), "2m1s" },
        { TimeSpan.FromSeconds(200), "3m20s" },
        { TimeSpan.FromSeconds(599), "9m59s" },

        // From 10 minutes to 3 hours: whole minutes only.
        { TimeSpan.FromMinutes(10), "10m" },
        { TimeSpan.FromSeconds(630), "10m" },
        { TimeSpan.FromMinutes(179), "179m" },

        // From 3 to 8 hours: hours and minutes.
        { TimeSpan.FromMinutes(180), "3h" },
        { TimeSpan.FromMinutes(181), "3h1m" },
        { TimeSpan.FromMinutes(479), "7h59m" },

        // From 8 to 48 hours: whole hours.
        { TimeSpan.FromHours(8), "8h" },
        { TimeSpan.FromMinutes(8 * 60 + 59), "8h" },
        { TimeSpan.FromHours(47), "47h" },

        // From 2 to 8 days: days and hours.
        { TimeSpan.FromHours(48), "2d" },
        { TimeSpan.FromHours(51), "2d3h" },
        { TimeSpan.FromHours(8 * 24 - 1), "7d23h" },

        // From 8 days to 2 years: whole days.
        { TimeSpan.FromDays(8), "8d" },
        { TimeSpan.FromDays(729), "729d" },

        // From 2 to 8 years: years and days (365-day years).
        { TimeSpan.FromDays(730), "2y" },
        { TimeSpan.FromDays(731), "2y1d" },
        { TimeSpan.FromDays(8 * 365 - 1), "7y364d" },

        // Beyond 8 years: whole years.
        { TimeSpan.FromDays(8 * 365), "8y" },
        { TimeSpan.FromDays(10 * 365 + 100), "10y" },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Formats_a_duration_like_apimachinery_HumanDuration(TimeSpan duration, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(duration));

    [Fact]
    public void A_missing_timestamp_is_unknown() =>
        Assert.Equal("<unknown>", HumanDuration.Since(null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Since_measures_from_the_timestamp_to_now()
    {
        var now = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("2d3h", HumanDuration.Since(now.AddHours(-51), now));
    }
}
