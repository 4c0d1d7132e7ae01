using System.Text;

namespace Orchestrator.Agent.Logs;

/// <summary>Serves one container attempt's CRI log as <c>kubectl logs</c> shows it: text only, or with timestamps; tail, since, limit and follow.</summary>
public static class ContainerLogReader
{
    /// <summary>
    /// Writes the log to <paramref name="output"/>; with Follow, keeps writing new lines until <paramref name="finished"/>
    /// (the container has exited and its output has been copied) and nothing is left.
    /// </summary>
    public static async Task WriteAsync(
        Stream output, string logPath, int maxFiles, ContainerLogQuery query, Func<bool> finished, TimeSpan poll, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var budget = new Budget(query.LimitBytes ?? long.MaxValue);
        var (kept, position) = ReadKept(logPath, maxFiles);
        if (!await WriteLinesAsync(output, Select(kept, query), query, budget, cancellationToken) || !query.Follow)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var done = finished();
            var (lines, next) = ReadFrom(logPath, position);
            position = next;
            if (!await WriteLinesAsync(output, [.. lines.Where(l => query.Since is null || l.Time >= query.Since)], query, budget, cancellationToken))
            {
                return;
            }

            if (done && lines.Count == 0)
            {
                return;
            }

            await output.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(poll, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Every whole line kept for the attempt, oldest rotated file first, and the byte position reached in the current file.</summary>
    public static (List<CriLogLine> Lines, long Position) ReadKept(string logPath, int maxFiles)
    {
        var lines = new List<CriLogLine>();
        for (var n = maxFiles - 1; n >= 1; n--)
        {
            lines.AddRange(ReadFrom(LogPump.RotatedPath(logPath, n), 0).Lines);
        }

        var (current, position) = ReadFrom(logPath, 0);
        lines.AddRange(current);
        return (lines, position);
    }

    /// <summary>Since, then the last TailLines whole lines (a long line split into P parts counts once).</summary>
    public static List<CriLogLine> Select(List<CriLogLine> lines, ContainerLogQuery query)
    {
        var since = query.Since is { } from ? lines.Where(l => l.Time >= from).ToList() : lines;
        if (query.TailLines is not { } tail)
        {
            return since;
        }

        var start = since.Count;
        var whole = 0;
        for (var i = since.Count - 1; i >= 0; i--)
        {
            if (!since[i].Partial && whole++ == tail)
            {
                break;
            }

            start = i;
        }

        return since.GetRange(start, since.Count - start);
    }

    // A rotation moves the file being followed to ".1": read what is left of it, then the new file from its start.
    private static (List<CriLogLine> Lines, long Position) ReadFrom(string path, long position)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return ([], 0);
        }

        if (info.Length < position)
        {
            var rotated = ReadFrom(LogPump.RotatedPath(path, 1), position);
            var fresh = ReadFrom(path, 0);
            return ([.. rotated.Lines, .. fresh.Lines], fresh.Position);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(position, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - position];
        stream.ReadExactly(bytes);

        // Only whole lines: the pump may be half way through writing the last one.
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return ([], position);
        }

        var lines = new List<CriLogLine>();
        foreach (var text in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            if (CriLogLine.Parse(text) is { } line)
            {
                lines.Add(line);
            }
        }

        return (lines, position + end + 1);
    }

    private static async ValueTask<bool> WriteLinesAsync(
        Stream output, List<CriLogLine> lines, ContainerLogQuery query, Budget budget, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var atLineStart = true;
        foreach (var line in lines)
        {
            if (query.Timestamps && atLineStart)
            {
                text.Append(CriLogLine.FormatTime(line.Time)).Append(' ');
            }

            text.Append(line.Content);
            if (!line.Partial)
            {
                text.Append('\n');
            }

            atLineStart = !line.Partial;
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var allowed = (int)Math.Min(bytes.Length, budget.Left);
        budget.Left -= allowed;
        await output.WriteAsync(bytes.AsMemory(0, allowed), cancellationToken);
        return budget.Left > 0;
    }

    // limitBytes across the first dump and every follow round.
    private sealed class Budget(long left)
    {
        public long Left { get; set; } = left;
    }
}
