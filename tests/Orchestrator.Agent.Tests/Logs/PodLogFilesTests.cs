using System.Text;
using Orchestrator.Agent.Logs;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Logs;

/// <summary>
/// <c>kubectl logs</c> against the attempt files a pod worker keeps, with the worker's steps (finish an attempt, prune,
/// start the next) played in the order a crash-looping container takes them, interleaved with a log request.
/// </summary>
public sealed class PodLogFilesTests : IDisposable
{
    private const string Uid = "0b9d1a52-7f4e-4d5c-9a43-2f6c1e8a3b70";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 5, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("podlogfiles-").FullName;

    private string PodFolder => Path.Combine(_data, "pods", Uid);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_previous_log_found_just_before_the_next_attempt_starts_can_still_be_read()
    {
        // Attempt 1 has just exited and is restarted at once (a first crash has no back-off): until attempt 2 starts the
        // container is terminated with attempt 0 as its last state, so --previous is attempt 0.
        Finished(0);
        Finished(1);
        var files = new PodLogFiles(_data);
        var lookup = files.Find("default", "crash", Uid, "main", previous: true);

        // The back-off ends while the request is on its way to reading the file: attempt 2 starts.
        AttemptLog.PruneBefore(PodFolder, "main", 2);
        var between = files.Find("default", "crash", Uid, "main", previous: true);
        File.WriteAllText(Raw(2), "");

        Assert.Equal("attempt 0\n", await ReadAsync(lookup));
        Assert.Equal("attempt 0\n", await ReadAsync(between));
        Assert.Equal("attempt 1\n", await ReadAsync(files.Find("default", "crash", Uid, "main", previous: true)));
    }

    [Fact]
    public async Task While_the_container_waits_out_CrashLoopBackOff_previous_is_the_attempt_that_just_died()
    {
        // The kubelet's container is then Waiting with the dead attempt as lastState.terminated: both kubectl logs and
        // kubectl logs --previous show attempt 1.
        Finished(0);
        Finished(1);
        AttemptLog.MarkBackOff(PodFolder, "main", 1);
        var files = new PodLogFiles(_data);

        Assert.Equal("attempt 1\n", await ReadAsync(files.Find("default", "crash", Uid, "main", previous: true)));
        Assert.Equal("attempt 1\n", await ReadAsync(files.Find("default", "crash", Uid, "main", previous: false)));

        // The back-off ends: attempt 2 starts and runs, and attempt 1 stays the previous one.
        AttemptLog.PruneBefore(PodFolder, "main", 2);
        File.WriteAllText(Raw(2), "");
        var running = AttemptLog.Start(PodFolder, "main", 2, LogRotation.Default, TimeSpan.FromMilliseconds(10), TimeProvider.System);

        Assert.False(File.Exists(AttemptLog.BackOffPath(PodFolder, "main")));
        Assert.Equal("attempt 1\n", await ReadAsync(files.Find("default", "crash", Uid, "main", previous: true)));
        Assert.False(files.Find("default", "crash", Uid, "main", previous: false).Finished(), "the running attempt 2 is the current log");
        await running.FinishAsync();
    }

    [Fact]
    public async Task An_attempt_tried_again_after_its_start_failed_is_followed_until_it_ends()
    {
        // runc start failed: the worker finishes the attempt's log and tries the same attempt number again.
        Directory.CreateDirectory(AttemptLog.Folder(PodFolder, "main"));
        File.WriteAllText(Raw(0), "");
        await AttemptLog.Start(PodFolder, "main", 0, LogRotation.Default, TimeSpan.FromMilliseconds(10), TimeProvider.System).FinishAsync();
        File.WriteAllText(Raw(0), "");
        var again = AttemptLog.Start(PodFolder, "main", 0, LogRotation.Default, TimeSpan.FromMilliseconds(10), TimeProvider.System);

        Assert.False(new PodLogFiles(_data).Find("default", "crash", Uid, "main", previous: false).Finished(), "kubectl logs -f would stop at once");
        await again.FinishAsync();
        Assert.True(new PodLogFiles(_data).Find("default", "crash", Uid, "main", previous: false).Finished());
    }

    [Fact]
    public void Starting_an_attempt_removes_the_logs_no_request_can_still_want()
    {
        Finished(0);
        Finished(1);
        Finished(2);

        AttemptLog.PruneBefore(PodFolder, "main", 3);

        Assert.Equal(["1.done", "1.log", "2.done", "2.log"], Directory.GetFiles(AttemptLog.Folder(PodFolder, "main")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private string Raw(int attempt) => Path.ChangeExtension(AttemptLog.LogPath(PodFolder, "main", attempt), ".out");

    // What an attempt leaves once its worker has finished it: its CRI log and the marker that it is complete.
    private void Finished(int attempt)
    {
        var log = AttemptLog.LogPath(PodFolder, "main", attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllLines(log, [new CriLogLine(Start.AddSeconds(attempt), "stdout", false, $"attempt {attempt}").Format()]);
        File.WriteAllText(AttemptLog.DonePath(log), "");
    }

    private static async Task<string> ReadAsync(ContainerLogLookup lookup)
    {
        Assert.Null(lookup.Error);
        using var output = new MemoryStream();
        await ContainerLogReader.WriteAsync(
            output, lookup.LogPath!, 2, new ContainerLogQuery(), lookup.Finished, TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
