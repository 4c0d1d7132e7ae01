namespace Orchestrator.Scheduling.Framework;

/// <summary>A scheduling plugin; it implements one or more extension-point interfaces.</summary>
public interface IPlugin
{
    string Name { get; }
}
