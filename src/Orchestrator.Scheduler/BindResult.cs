using Orchestrator.Grains;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Scheduler;

/// <summary>A binding that finished (or threw), handed back to the scheduling loop that owns the state.</summary>
internal sealed record BindResult(PodInfo Pod, string Node, int Attempts, BindOutcome? Outcome, Exception? Error);
