namespace Orchestrator.Core.Resources;

/// <summary>A subresource such as <c>status</c> or <c>scale</c>, with the kind it answers in.</summary>
public sealed record SubresourceDescriptor(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs);
