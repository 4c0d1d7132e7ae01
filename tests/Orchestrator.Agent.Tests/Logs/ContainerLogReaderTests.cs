using System.Text;
using Orchestrator.Agent.Logs;

namespace Orchestrator.Agent.Tests.Logs;

public sealed class ContainerLogReaderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("logreader-").FullName;
    private readonly ManualClock _clock = new(Start);

    private string Log => Path.Combine(_dir, "0.log");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(null, "a\nb\nc\nd\n")]
    [InlineData(2, "c\nd\n")]
    [InlineData(0, "")]
    [InlineData(10, "a\nb\nc\nd\n")]
    public async Task Tail_keeps_the_last_lines(int? tail, string expected)
    {
        Write(("a", 0), ("b", 1), ("c", 2), ("d", 3));

        Assert.Equal(expected, await ReadAsync(new ContainerLogQuery { TailLines = tail }));
    }

    [Fact]
    public async Task Since_keeps_lines_written_at_or_after_it_and_timestamps_prefix_each_line()
    {
        Write(("a", 0), ("b", 1), ("c", 2));

        var text = await ReadAsync(new ContainerLogQuery { Since = Start.AddSeconds(1), Timestamps = true });

        Assert.Equal("2026-11-25T05:00:01.000000000Z b\n2026-11-25T05:00:02.000000000Z c\n", text);
    }

    [Fact]
    public async Task A_long_line_split_into_parts_reads_as_one_line_and_counts_once_for_tail()
    {
        File.WriteAllLines(Log,
        [
            new CriLogLine(Start, "stdout", false, "first").Format(),
            new CriLogLine(Start, "stdout", true, "sec").Format(),
            new CriLogLine(Start, "stdout", false, "ond").Format(),
        ]);

        Assert.Equal("second\n", await ReadAsync(new ContainerLogQuery { TailLines = 1 }));
    }

    [Fact]
    public async Task Limit_bytes_cuts_the_output()
    {
        Write(("hello", 0), ("world", 1));

        Assert.Equal("hello\nwo", await ReadAsync(new ContainerLogQuery { LimitBytes = 8 }));
    }

    [Fact]
    public async Task Rotated_files_are_read_oldest_first()
    {
        File.WriteAllLines(LogPump.RotatedPath(Log, 2), [new CriLogLine(Start, "stdout", false, "oldest").Format()]);
        File.WriteAllLines(LogPump.RotatedPath(Log, 1), [new CriLogLine(Start, "stdout", false, "older").Format()]);
        Write(("newest", 0));

        Assert.Equal("oldest\nolder\nnewest\n", await ReadAsync(new ContainerLogQuery(), maxFiles: 3));
    }

    [Fact]
    public async Task Follow_writes_what_the_pump_copies_until_the_container_has_finished()
    {
        var raw = Path.Combine(_dir, "0.out");
        var pump = new LogPump(raw, Log, LogRotation.Default, _clock);
        File.AppendAllText(raw, "before\n");
        pump.Pump(final: false);
        var finished = false;
        using var output = new MemoryStream();

        var follow = ContainerLogReader.WriteAsync(
            output, Log, 2, new ContainerLogQuery { Follow = true }, () => Volatile.Read(ref finished), TimeSpan.FromMilliseconds(10),
            TimeProvider.System, CancellationToken.None);
        File.AppendAllText(raw, "after\n");
        pump.Pump(final: false);
        File.AppendAllText(raw, "last words");
        pump.Pump(final: true);
        Volatile.Write(ref finished, true);
        await follow.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("before\nafter\nlast words\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    private void Write(params (string Text, int Second)[] lines) =>
        File.AppendAllLines(Log, lines.Select(l => new CriLogLine(Start.AddSeconds(l.Second), "stdout", false, l.Text).Format()));

    private async Task<string> ReadAsync(ContainerLogQuery query, int maxFiles = 2)
    {
        using var output = new MemoryStream();
        await ContainerLogReader.WriteAsync(output, Log, maxFiles, query, () => true, TimeSpan.FromMilliseconds(10), _clock, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
