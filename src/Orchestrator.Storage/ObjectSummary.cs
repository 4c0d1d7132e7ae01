namespace Orchestrator.Storage;

/// <summary>What lists and watches filter on, extracted once per write so no read has to parse JSON.</summary>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Labels">metadata.labels, or null when there are none.</param>
/// <param name="Fields">Selectable fields besides name and namespace (spec.nodeName, status.phase, ...), or null.</param>
public sealed record ObjectSummary(string Uid, IReadOnlyDictionary<string, string>? Labels, IReadOnlyDictionary<string, string>? Fields)
{
    public string? Field(string name) => Fields?.GetValueOrDefault(name);
}
