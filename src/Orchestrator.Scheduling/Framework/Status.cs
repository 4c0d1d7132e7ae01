using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Framework;

/// <summary>A plugin's verdict: a code, the reasons users see in the FitError, and the plugin that gave it.</summary>
public sealed record Status(StatusCode Code, ImmutableArray<string> Reasons, string Plugin = "")
{
    public static Status Success { get; } = new(StatusCode.Success, []);

    public static Status Skip { get; } = new(StatusCode.Skip, []);

    public bool IsSuccess => Code == StatusCode.Success;

    public bool IsRejected => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    public string Message => string.Join(", ", Reasons);

    public static Status Unschedulable(params string[] reasons) => new(StatusCode.Unschedulable, [.. reasons]);

    public static Status Unresolvable(params string[] reasons) => new(StatusCode.UnschedulableAndUnresolvable, [.. reasons]);

    public static Status Error(string reason) => new(StatusCode.Error, [reason]);

    public Status WithPlugin(string plugin) => Code == StatusCode.Success || Plugin == plugin ? this : this with { Plugin = plugin };

    public override string ToString() => Reasons.IsEmpty ? Code.ToString() : $"{Code}: {Message}";
}
