namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// kube-controller-manager's <c>--controllers</c>: a comma list where <c>*</c> is every controller, <c>-name</c>
/// turns one off and a bare name turns one on; <c>none</c> (or an empty list) runs none.
/// </summary>
public sealed record ControllerSelection(IReadOnlyList<string> Items)
{
    public static ControllerSelection All { get; } = new(["*"]);

    public static ControllerSelection None { get; } = new([]);

    public static ControllerSelection Parse(string? value) =>
        new([.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(i => i != "none")]);

    public bool IsEnabled(string name)
    {
        if (Items.Contains("-" + name))
        {
            return false;
        }
        return Items.Contains(name) || Items.Contains("*");
    }
}
