using System.Globalization;
using Orchestrator.Apply.Fields;

namespace Orchestrator.Apply.Managed;

/// <summary>One decoded <c>metadata.managedFields</c> entry: who, how, at which version and when, and the fields owned.</summary>
internal sealed class ManagerEntry
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public required string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public required FieldSet Fields { get; set; }

    public bool IsApply => Operation == ApplyOperation;

    public static string FormatTime(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether this entry is the one <paramref name="manager"/> writes with this operation (appliers are one entry whatever the version).</summary>
    public bool Is(string manager, string operation, string apiVersion) =>
        Manager == manager && Operation == operation && Subresource is null or ""
        && (operation == ApplyOperation || ApiVersion == apiVersion);

    public long Seconds() =>
        Time is not null && DateTimeOffset.TryParse(Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeSeconds()
            : 0;

    public ApplyConflict ConflictAt(IReadOnlyList<PathElement> path) =>
        new(Manager, PathElement.Display(path)) { Operation = Operation, ApiVersion = ApiVersion, Subresource = Subresource };
}
