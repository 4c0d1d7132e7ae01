using Orchestrator.Agent.Logs;

namespace Orchestrator.Agent.Tests.Logs;

public sealed class LogPumpTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("logpump-").FullName;
    private readonly ManualClock _clock = new(Start);

    private string Raw => Path.Combine(_dir, "0.out");

    private string Log => Path.Combine(_dir, "0.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Whole_lines_are_copied_with_the_time_they_were_seen_and_a_torn_line_waits_for_its_end()
    {
        var pump = new LogPump(Raw, Log, LogRotation.Default, _clock);
        File.AppendAllText(Raw, "one\ntwo\nthr");

        Assert.Equal(2, pump.Pump(final: false));
        _clock.Advance(TimeSpan.FromSeconds(1));
        File.AppendAllText(Raw, "ee\n");
        Assert.Equal(1, pump.Pump(final: false));

        var lines = File.ReadAllLines(Log).Select(l => CriLogLine.Parse(l)!).ToList();
        Assert.Equal(["one", "two", "three"], lines.Select(l => l.Content));
        Assert.Equal([Start, Start, Start.AddSeconds(1)], lines.Select(l => l.Time));
    }

    [Fact]
    public void The_last_line_without_a_newline_is_kept_when_the_container_is_gone()
    {
        var pump = new LogPump(Raw, Log, LogRotation.Default, _clock);
        File.AppendAllText(Raw, "done, no newline");

        Assert.Equal(0, pump.Pump(final: false));
        Assert.Equal(1, pump.Pump(final: true));
        Assert.Equal("done, no newline", CriLogLine.Parse(File.ReadAllLines(Log).Single())!.Content);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_split_into_partial_lines()
    {
        var pump = new LogPump(Raw, Log, LogRotation.Default with { MaxLineBytes = 4 }, _clock);
        File.AppendAllText(Raw, "abcdefghij\n");

        pump.Pump(final: false);

        // 10 bytes at 4 per part: abcd (P), efgh (P), ij (F).
        var lines = File.ReadAllLines(Log).Select(l => CriLogLine.Parse(l)!).ToList();
        Assert.Equal(["abcd", "efgh", "ij"], lines.Select(l => l.Content));
        Assert.Equal([true, true, false], lines.Select(l => l.Partial));
    }

    [Fact]
    public void A_chatty_container_keeps_at_most_the_rotation_limit_on_disk()
    {
        // Each CRI line is 40 bytes of prefix (30 of time, " stdout F ") + 59 of content + newline = 100 bytes, 500 per
        // round; a file rotates when the next round would take it past 1,000 bytes.
        var rotation = new LogRotation { MaxBytes = 1_000, MaxFiles = 3, MaxRawBytes = 500 };
        var pump = new LogPump(Raw, Log, rotation, _clock);
        var content = new string('x', 59);
        for (var round = 0; round < 50; round++)
        {
            File.AppendAllText(Raw, string.Concat(Enumerable.Repeat(content + "\n", 5)));
            pump.Pump(final: false);
        }

        var files = Directory.GetFiles(_dir, "0.log*").Order().ToList();
        Assert.Equal([Log, Log + ".1", Log + ".2"], files);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 1_000, $"{f} is {new FileInfo(f).Length} bytes"));

        // The raw output (5 lines of 60 bytes a round) is cut back to nothing whenever a pump leaves it past 500 bytes.
        Assert.True(new FileInfo(Raw).Length <= 500);
        Assert.Equal(content, CriLogLine.Parse(File.ReadLines(Log).Last())!.Content);
    }

    [Fact]
    public void Nothing_is_lost_or_repeated_across_a_cut_of_the_raw_file()
    {
        var pump = new LogPump(Raw, Log, LogRotation.Default with { MaxRawBytes = 10 }, _clock);
        var expected = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            File.AppendAllText(Raw, $"line {i}\n");
            expected.Add($"line {i}");
            pump.Pump(final: false);
        }

        Assert.Equal(expected, File.ReadAllLines(Log).Select(l => CriLogLine.Parse(l)!.Content));
    }
}
