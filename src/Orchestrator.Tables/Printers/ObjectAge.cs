using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>The NAME and AGE cells every printer shares.</summary>
internal static class ObjectAge
{
    public static string Name(JsonObject obj) => obj.Str("metadata", "name");

    public static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time("metadata", "creationTimestamp"), now);
}
