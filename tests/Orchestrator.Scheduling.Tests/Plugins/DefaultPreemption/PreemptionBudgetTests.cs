using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using static Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption.PreemptionCase;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class PreemptionBudgetTests
{
    // Guards app=web pods and allows no more disruptions.
    private static readonly PodDisruptionBudget WebBudget = new("default", "web", LabelSelector.Of(("app", "web")), DisruptionsAllowed: 0);

    public static TheoryData<PreemptionCase> Cases => new()
    {
        // n1 breaks the budget, n2 does not: fewest violations comes before every priority rule,
        // so n2 wins though its victim has priority 5 against w's 1.
        new("a budget steers preemption to a node where it holds",
            [NodeBuilder.Named("n1").Running(Web("w", 3000, 1)), NodeBuilder.Named("n2").Running(Pod("x", 3000, 5))],
            Pod("p", 2000, 10), "n2", ["x"], "0/2 nodes are available: 2 Insufficient cpu.") { Budgets = [WebBudget] },

        // The only way to make room breaks the budget, and kube-scheduler still does it.
        new("a budget is broken when nothing else makes room",
            [NodeBuilder.Named("n1").Running(Web("w", 3000, 1))],
            Pod("p", 2000, 10), "n1", ["w"], "0/1 nodes are available: 1 Insufficient cpu.") { Budgets = [WebBudget] },

        // Without a budget, o (started first) is more important, is reprieved first, and w goes...
        new("without a budget the newer pod goes",
            [NodeBuilder.Named("n1").Running(Web("w", 2000, 1).StartedAt(10), Pod("o", 2000, 1).StartedAt(0))],
            Pod("p", 2000, 10), "n1", ["w"], "0/1 nodes are available: 1 Insufficient cpu."),

        // ...with one, w would break it, so w is reprieved before any pod that would not, and o goes.
        new("a budget-guarded pod is reprieved before an unguarded one",
            [NodeBuilder.Named("n1").Running(Web("w", 2000, 1).StartedAt(10), Pod("o", 2000, 1).StartedAt(0))],
            Pod("p", 2000, 10), "n1", ["o"], "0/1 nodes are available: 1 Insufficient cpu.") { Budgets = [WebBudget] },

        // n1 must lose both web pods (either alone leaves 2,000m < 3,000m); its budget allows one, so that is
        // one violation. n2 must lose both db pods, whose budget allows none: two. Fewest violations comes
        // first, so n1, though its victims have priority 3 against 1. Victims are listed most important first.
        new("violations are counted only beyond what a budget allows",
            [
                NodeBuilder.Named("n1").Running(Web("w1", 2000, 3).StartedAt(0), Web("w2", 2000, 3).StartedAt(5)),
                NodeBuilder.Named("n2").Running(Db("d1", 2000, 1), Db("d2", 2000, 1)),
            ],
            Pod("p", 3000, 10), "n1", ["w1", "w2"], "0/2 nodes are available: 2 Insufficient cpu.")
        {
            Budgets = [WebBudget with { DisruptionsAllowed = 1 }, new("default", "db", LabelSelector.Of(("app", "db")), 0)],
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Preemption_honours_disruption_budgets_where_it_has_a_choice(PreemptionCase c) => c.AssertDecision();

    [Fact]
    public void A_budget_guards_only_matching_pods_of_its_namespace_and_not_those_already_disrupted()
    {
        Assert.True(WebBudget.Guards(Web("w", 0, 0)));
        Assert.False(WebBudget.Guards(Web("w", 0, 0).InNamespace("other")));
        Assert.False(WebBudget.Guards(Pod("o", 0, 0)));
        Assert.False((WebBudget with { DisruptedPods = ["w"] }).Guards(Web("w", 0, 0)));

        // An empty selector selects nothing in policy/v1, unlike a spread or service selector.
        Assert.False((WebBudget with { Selector = LabelSelector.Everything }).Guards(Web("w", 0, 0)));
    }

    private static PodBuilder Web(string name, long milliCpu, int priority) => Pod(name, milliCpu, priority).Label("app", "web");

    private static PodBuilder Db(string name, long milliCpu, int priority) => Pod(name, milliCpu, priority).Label("app", "db");
}
