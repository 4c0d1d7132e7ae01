using System.Globalization;
using System.Text.Json.Nodes;
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

    private FieldSet? _fields;

    /// <summary>
    /// The fields owned. Decoded from <see cref="Raw"/> on first use; from then on the set is the truth (callers change
    /// it in place), so <see cref="Raw"/> is dropped.
    /// </summary>
    public FieldSet Fields
    {
        get
        {
            if (_fields is null)
            {
                _fields = FieldSet.FromFieldsV1(Raw);
                Raw = null;
            }
            return _fields;
        }
        set
        {
            _fields = value;
            Raw = null;
        }
    }

    /// <summary>The stored FieldsV1 of an entry nobody has looked into yet: written back as it was, not decoded and encoded again.</summary>
    public JsonObject? Raw { get; private set; }

    public bool IsEmpty => _fields?.IsEmpty ?? Raw is not { Count: > 0 };

    /// <summary>An entry read from storage, its fields left in their wire form until asked for.</summary>
    public static ManagerEntry Stored(string manager, string operation, string? apiVersion, string? time, string? subresource, JsonObject? fieldsV1) =>
        new() { Manager = manager, Operation = operation, ApiVersion = apiVersion, Time = time, Subresource = subresource, Raw = fieldsV1 };

    /// <summary>
    /// Whether this entry may own any path that <paramref name="set"/> has as a member: exact once decoded, else read
    /// from the wire form (<see cref="FieldSet.MayShareMemberWith"/>), so an entry a write cannot touch stays undecoded.
    /// </summary>
    public bool MayOwnAnyOf(FieldSet set) => _fields is not null ? !set.IsEmpty : set.MayShareMemberWith(Raw);

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
