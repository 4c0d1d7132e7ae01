namespace Orchestrator.Agent.Runtime;

/// <summary>A container to create: its id, its bundle folder, its spec and the file its stdout and stderr go to.</summary>
public sealed record ContainerRequest(string Id, string BundlePath, OciSpec Spec, string LogPath);
