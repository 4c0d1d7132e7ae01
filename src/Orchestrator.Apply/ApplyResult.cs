using System.Text.Json.Nodes;

namespace Orchestrator.Apply;

/// <summary>The outcome of a server-side apply: the merged object with its managed fields, or the conflicts that stopped it.</summary>
public sealed record ApplyResult(JsonObject? Object, IReadOnlyList<ApplyConflict> Conflicts)
{
    public bool Succeeded => Object is not null && Conflicts.Count == 0;

    /// <summary>
    /// The 409 message, worded as the apiserver's <c>getConflictMessage</c>:
    /// <c>Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas</c>, or for several,
    /// <c>Apply failed with N conflicts: conflicts with "m":\n- .a\n- .b</c> grouped by manager in identifier order.
    /// </summary>
    public string ConflictMessage()
    {
        if (Conflicts.Count == 0)
        {
            return "";
        }
        if (Conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: {Conflicts[0].CauseMessage}: {Conflicts[0].FieldPath}";
        }
        var lines = new List<string>();
        foreach (var group in Conflicts.GroupBy(c => c.ManagerIdentifier).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.First().DescribeManager()}:");
            lines.AddRange(group.Select(c => "- " + c.FieldPath));
        }
        return $"Apply failed with {Conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}
