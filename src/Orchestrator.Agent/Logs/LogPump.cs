using System.Text;

namespace Orchestrator.Agent.Logs;

/// <summary>
/// Copies what one container attempt writes (its stdout and stderr, appended to a raw file that outlives the agent)
/// into a CRI-format log with a timestamp per line, rotating it by size; cuts the raw file back once copied, so a
/// chatty container cannot fill the disk.
/// </summary>
/// <remarks>
/// The container appends (O_APPEND), so cutting the raw file to zero is safe for its writer; what it writes between
/// the last read and the cut, a window of microseconds, is lost, as with logrotate's copytruncate. A conmon-style
/// shim holding the pipe would close that window; it is not worth a process per container yet.
/// </remarks>
public sealed class LogPump
{
    private readonly string _rawPath;
    private readonly string _logPath;
    private readonly LogRotation _rotation;
    private readonly TimeProvider _time;
    private readonly List<byte> _pending = [];
    private long _offset;

    public LogPump(string rawPath, string logPath, LogRotation rotation, TimeProvider time)
    {
        _rawPath = rawPath;
        _logPath = logPath;
        _rotation = rotation;
        _time = time;

        // Where an earlier agent stopped copying this attempt, so an agent restarted under a running container
        // neither repeats nor skips its output.
        if (File.Exists(PositionPath) && long.TryParse(File.ReadAllText(PositionPath), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            _offset = offset;
        }
    }

    private string PositionPath => _rawPath + ".pos";

    /// <summary>The CRI log file of the attempt; rotated files are it plus ".1", ".2"...</summary>
    public string LogPath => _logPath;

    /// <summary>Copies until <paramref name="exited"/> says the container is gone, then once more including a last unterminated line.</summary>
    public async Task RunAsync(Func<bool> exited, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var done = exited();
            Pump(final: done);
            if (done)
            {
                return;
            }

            try
            {
                await Task.Delay(interval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Copies what was appended since the last call; with <paramref name="final"/>, a trailing line without a newline too. Returns the lines written.</summary>
    public int Pump(bool final)
    {
        if (!File.Exists(_rawPath))
        {
            return 0;
        }

        using var raw = new FileStream(_rawPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (raw.Length < _offset)
        {
            // Cut back by someone else (or replaced): start over from its beginning.
            _offset = 0;
        }

        raw.Seek(_offset, SeekOrigin.Begin);
        var appended = new byte[raw.Length - _offset];
        raw.ReadExactly(appended);
        _offset += appended.Length;

        var lines = Split(appended, final);
        if (lines.Count > 0)
        {
            Write(lines);
        }

        if (_offset > _rotation.MaxRawBytes)
        {
            raw.SetLength(0);
            _offset = 0;
        }

        if (appended.Length > 0)
        {
            File.WriteAllText(PositionPath, _offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return lines.Count;
    }

    private List<CriLogLine> Split(byte[] appended, bool final)
    {
        var now = _time.GetUtcNow();
        var lines = new List<CriLogLine>();
        foreach (var b in appended)
        {
            if (b == (byte)'\n')
            {
                lines.Add(Line(now, partial: false));
                continue;
            }

            _pending.Add(b);
            if (_pending.Count >= _rotation.MaxLineBytes)
            {
                lines.Add(Line(now, partial: true));
            }
        }

        if (final && _pending.Count > 0)
        {
            lines.Add(Line(now, partial: false));
        }

        return lines;
    }

    private CriLogLine Line(DateTimeOffset now, bool partial)
    {
        var content = Encoding.UTF8.GetString(_pending.ToArray()).TrimEnd('\r');
        _pending.Clear();
        return new CriLogLine(now, "stdout", partial, content);
    }

    private void Write(List<CriLogLine> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.Format()).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var current = new FileInfo(_logPath);
        if (current.Exists && current.Length > 0 && current.Length + bytes.Length > _rotation.MaxBytes)
        {
            Rotate();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_logPath))!);
        using var log = new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        log.Write(bytes);
    }

    private void Rotate()
    {
        var oldest = RotatedPath(_logPath, _rotation.MaxFiles - 1);
        if (_rotation.MaxFiles <= 1)
        {
            File.Delete(_logPath);
            return;
        }

        File.Delete(oldest);
        for (var i = _rotation.MaxFiles - 2; i >= 1; i--)
        {
            if (File.Exists(RotatedPath(_logPath, i)))
            {
                File.Move(RotatedPath(_logPath, i), RotatedPath(_logPath, i + 1));
            }
        }

        File.Move(_logPath, RotatedPath(_logPath, 1));
    }

    /// <summary>The n-th rotated file: "0.log.1" is the one before "0.log".</summary>
    public static string RotatedPath(string logPath, int n) => $"{logPath}.{n}";
}
