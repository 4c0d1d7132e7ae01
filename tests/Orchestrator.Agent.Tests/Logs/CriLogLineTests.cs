using Orchestrator.Agent.Logs;

namespace Orchestrator.Agent.Tests.Logs;

public sealed class CriLogLineTests
{
    [Fact]
    public void A_line_is_written_in_the_cri_format_and_read_back()
    {
        var line = new CriLogLine(new DateTimeOffset(2026, 11, 25, 5, 0, 0, 123, TimeSpan.Zero).AddTicks(4567), "stdout", false, "hello world");

        // 123 ms + 4567 ticks of 100 ns = .1234567 s, then two zeros for nanoseconds.
        Assert.Equal("2026-11-25T05:00:00.123456700Z stdout F hello world", line.Format());
        Assert.Equal(line, CriLogLine.Parse(line.Format()));
    }

    [Theory]
    [InlineData("2026-11-25T05:00:00.000000000Z stdout P part", true, "part")]
    [InlineData("2026-11-25T05:00:00.000000000Z stderr F ", false, "")]
    [InlineData("2026-11-25T05:00:00.000000000Z stdout F", false, "")]
    public void Partial_and_empty_lines_parse(string text, bool partial, string content)
    {
        var line = CriLogLine.Parse(text)!;

        Assert.Equal(partial, line.Partial);
        Assert.Equal(content, line.Content);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("not-a-time stdout F x")]
    [InlineData("2026-11-25T05:00:00Z stdout X x")]
    public void Anything_else_is_not_a_log_line(string text)
    {
        Assert.Null(CriLogLine.Parse(text));
    }
}
