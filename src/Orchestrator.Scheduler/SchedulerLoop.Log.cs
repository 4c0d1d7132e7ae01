using Microsoft.Extensions.Logging;

namespace Orchestrator.Scheduler;

/// <summary>The scheduler's log messages.</summary>
public sealed partial class SchedulerLoop
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {Component} synchronized: {Nodes} nodes, {Pending} pods pending")]
    private static partial void LogSynchronized(ILogger logger, string component, int nodes, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduler {Component} fell behind the store's changes; resynchronizing from a fresh list")]
    private static partial void LogResync(ILogger logger, string component, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule {Pod}: {Message}")]
    private static partial void LogScheduleError(ILogger logger, string pod, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binding {Pod} to {Node} failed; it goes back to the queue")]
    private static partial void LogBindError(ILogger logger, string pod, string node, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a scheduling decision for {Pod} failed")]
    private static partial void LogRecordError(ILogger logger, string pod, Exception error);
}
