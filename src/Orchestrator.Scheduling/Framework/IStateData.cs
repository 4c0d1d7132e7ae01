namespace Orchestrator.Scheduling.Framework;

/// <summary>Cycle state a plugin changes after PreFilter (through IPreFilterExtensions), so each what-if gets its own copy.</summary>
public interface IStateData
{
    /// <summary>A copy deep enough that changing it leaves the original alone (not Clone: records reserve that name).</summary>
    IStateData Copy();
}
