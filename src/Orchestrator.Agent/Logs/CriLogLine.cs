using System.Globalization;

namespace Orchestrator.Agent.Logs;

/// <summary>
/// One line of a container log in the CRI format the kubelet keeps: <c>2026-11-25T05:00:00.123456789Z stdout F hello</c>
/// (timestamp, stream, F for a full line or P for a part of a longer one, then the text).
/// </summary>
public sealed record CriLogLine(DateTimeOffset Time, string Stream, bool Partial, string Content)
{
    /// <summary>RFC 3339 with nanoseconds, as kubectl logs --timestamps prints it; .NET keeps 100 ns ticks, so the last two digits are 0.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    public string Format() => $"{FormatTime(Time)} {Stream} {(Partial ? 'P' : 'F')} {Content}";

    /// <summary>Reads a line written by <see cref="Format"/>; null for anything else (a torn last line, a foreign file).</summary>
    public static CriLogLine? Parse(string line)
    {
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var second = first <= 0 ? -1 : line.IndexOf(' ', first + 1);
        if (second < 0 || line.Length < second + 2
            || !DateTimeOffset.TryParse(line.AsSpan(0, first), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        var tag = line[second + 1];
        if (tag is not ('F' or 'P'))
        {
            return null;
        }

        var content = line.Length > second + 3 ? line[(second + 3)..] : "";
        return new CriLogLine(time, line[(first + 1)..second], tag == 'P', content);
    }
}
