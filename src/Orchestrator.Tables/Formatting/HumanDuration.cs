namespace Orchestrator.Tables.Formatting;

/// <summary>apimachinery's <c>duration.HumanDuration</c>: ~2-3 significant figures, as kubectl's AGE column shows.</summary>
internal static class HumanDuration
{
    public const string Unknown = "<unknown>";

    /// <summary>The age of <paramref name="timestamp"/> at <paramref name="now"/>; "&lt;unknown&gt;" when it is missing.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Format(now - t) : Unknown;

    public static string Format(TimeSpan d)
    {
        // Go truncates toward zero everywhere (int(d.Seconds()), d / time.Minute); so do these casts and divisions.
        // Up to 2 s in the future is clock skew between machines and reads as "0s".
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return $"{seconds}s";
        }

        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = d.Ticks / TimeSpan.TicksPerSecond % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 60 * 3)
        {
            return $"{minutes}m";
        }

        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }

        return $"{hours / 24 / 365}y";
    }
}
