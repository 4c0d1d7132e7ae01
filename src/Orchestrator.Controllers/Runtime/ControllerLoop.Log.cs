using Microsoft.Extensions.Logging;

namespace Orchestrator.Controllers.Runtime;

public sealed partial class ControllerLoop
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: watch cut off; listing again")]
    private static partial void LogRelist(ILogger logger, string controller, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Controller}: syncing {Key} was refused ({Reason}); retrying with backoff")]
    private static partial void LogForbidden(ILogger logger, string controller, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: could not read a change of {Key}; skipped")]
    private static partial void LogChangeFailed(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: syncing {Key} failed; retrying with backoff")]
    private static partial void LogReconcileFailed(ILogger logger, string controller, string key, Exception exception);
}
