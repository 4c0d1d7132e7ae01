using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// Runtime ids of a pod's containers, deterministic so an agent that restarts can find (and remove) what it ran:
/// <c>o-&lt;pod uid&gt;-c&lt;index&gt;-&lt;restart count&gt;</c>, <c>i</c> in place of <c>c</c> for init containers.
/// </summary>
/// <remarks>The index, not the name, keeps ids short and inside runc's rule (letters, digits, _ + - .).</remarks>
public static partial class ContainerNames
{
    private const string Prefix = "o-";

    public static string Id(string podUid, bool init, int index, int restartCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(restartCount);
        if (string.IsNullOrEmpty(podUid) || !RuntimeId().IsMatch(podUid))
        {
            throw new ArgumentException($"The pod uid '{podUid}' cannot be part of a container id (letters, digits, '_', '+', '-' and '.' only).", nameof(podUid));
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{podUid}-{(init ? 'i' : 'c')}{index}-{restartCount}");
    }

    /// <summary>The parts of an id made by <see cref="Id"/>; null for any other id.</summary>
    public static ContainerIdParts? Parse(string? id)
    {
        if (id is null || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        // The uid may hold '-' itself, so the two fixed fields are taken from the right.
        var last = id.LastIndexOf('-');
        var middle = last > 0 ? id.LastIndexOf('-', last - 1) : -1;
        if (middle <= Prefix.Length || last - middle < 3)
        {
            return null;
        }
        var kind = id[middle + 1];
        var uid = id[Prefix.Length..middle];
        return kind is 'i' or 'c'
            && TryNumber(id[(middle + 2)..last], out var index)
            && TryNumber(id[(last + 1)..], out var restarts)
            && RuntimeId().IsMatch(uid)
            ? new ContainerIdParts(uid, kind == 'i', index, restarts)
            : null;
    }

    /// <summary>containerID as a pod status shows it: <c>runc://&lt;id&gt;</c>, <c>crun://</c>, <c>process://</c>.</summary>
    public static string StatusId(string runtimeName, string id) => $"{runtimeName}://{id}";

    /// <summary>The runtime id in a status containerID, or null when there is none.</summary>
    public static string? FromStatusId(string? statusId)
    {
        var separator = statusId?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return separator > 0 && statusId!.Length > separator + 3 ? statusId[(separator + 3)..] : null;
    }

    // Digits only, without leading zeros, so each id has exactly one spelling.
    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        return text.Length > 0 && (text.Length == 1 || text[0] != '0')
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex("^[A-Za-z0-9_+.-]+$")]
    private static partial Regex RuntimeId();
}
