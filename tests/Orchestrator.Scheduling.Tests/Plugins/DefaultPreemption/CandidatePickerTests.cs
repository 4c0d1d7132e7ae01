using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.DefaultPreemption;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class CandidatePickerTests
{
    // Each case: two candidates, and the one kube-scheduler's pickOneNodeForPreemption takes.
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // "pdb:priority@start,..." per candidate; the first criterion that differs decides.
        { "fewer budget violations beat everything after", "1:1", "0:9,9,9", "b" },
        { "a lower highest victim priority beats fewer victims", "0:5", "0:3,3", "b" },
        { "then a lower sum of priorities", "0:3,2", "0:3,1", "b" },

        // With the 2^31 shift, one more victim always raises the sum, so "fewer victims" never decides alone.
        { "which already counts one more victim as costlier", "0:3,0", "0:3", "b" },

        // Same priorities: the node whose most important victims started latest loses the least work.
        { "then the latest start of the most important victims", "0:3@5,1@0", "0:3@9,1@0", "b" },
        { "lower-priority victims' start times do not count", "0:3@5,1@0", "0:3@5,1@9", "a" },
        { "a victim not started yet counts as the newest", "0:3@5", "0:3", "b" },
        { "a full tie goes to the first", "0:3@5", "0:3@5", "a" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_best_node_is_picked_by_kube_schedulers_criteria_in_order(string name, string a, string b, string expected)
    {
        var picked = CandidatePicker.Pick([Parse("a", a), Parse("b", b)]);

        Assert.True(expected == picked.NodeName, name);
    }

    private static Candidate Parse(string node, string spec)
    {
        var (pdb, victims) = (spec.Split(':')[0], spec.Split(':')[1]);
        var pods = victims.Split(',').Select((v, i) =>
        {
            var parts = v.Split('@');
            var pod = PodBuilder.Named($"{node}{i}").Priority(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
            return (PodInfo)(parts.Length > 1 ? pod.StartedAt(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)) : pod);
        });
        return new Candidate(node, [.. pods], int.Parse(pdb, System.Globalization.CultureInfo.InvariantCulture));
    }
}
