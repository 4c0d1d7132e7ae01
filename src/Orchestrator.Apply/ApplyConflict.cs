using System.Text.Json.Nodes;

namespace Orchestrator.Apply;

/// <summary>A field an apply would change that another manager owns: the manager and the field path (<c>.spec.replicas</c>).</summary>
public sealed record ApplyConflict(string Manager, string FieldPath)
{
    /// <summary>The other manager's operation, <c>Apply</c> or <c>Update</c>.</summary>
    public string Operation { get; init; } = "Apply";

    /// <summary>The API version the other manager wrote with (shown for updaters only).</summary>
    public string? ApiVersion { get; init; }

    public string? Subresource { get; init; }

    /// <summary>The manager as the apiserver prints it: <c>"kubectl"</c> for an applier, <c>"kubectl-client-side-apply" using apps/v1</c> for an updater.</summary>
    public string DescribeManager()
    {
        var text = Quote(Manager);
        if (!string.IsNullOrEmpty(Subresource))
        {
            text += " with subresource " + Quote(Subresource);
        }
        return Operation == "Apply" ? text : text + " using " + ApiVersion;
    }

    /// <summary>The message of this conflict's <c>FieldManagerConflict</c> cause in the 409 Status.</summary>
    public string CauseMessage => "conflict with " + DescribeManager();

    /// <summary>The apiserver's manager identifier (the entry's JSON without time and fields); conflicts are grouped and sorted by it.</summary>
    internal string ManagerIdentifier
    {
        get
        {
            var id = new JsonObject { ["manager"] = Manager, ["operation"] = Operation };
            if (Operation != "Apply" && !string.IsNullOrEmpty(ApiVersion))
            {
                id["apiVersion"] = ApiVersion;
            }
            if (!string.IsNullOrEmpty(Subresource))
            {
                id["subresource"] = Subresource;
            }
            return id.ToJsonString();
        }
    }

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();
}
