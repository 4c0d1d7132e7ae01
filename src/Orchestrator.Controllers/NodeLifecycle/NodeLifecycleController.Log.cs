using Microsoft.Extensions.Logging;

namespace Orchestrator.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleController
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Zone {Zone} is now in state {State}")]
    private static partial void LogZoneState(ILogger logger, string zone, ZoneState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: {What}")]
    private static partial void LogNodeChange(ILogger logger, string node, string what);
}
