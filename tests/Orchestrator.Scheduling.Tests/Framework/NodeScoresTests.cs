using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class NodeScoresTests
{
    public static TheoryData<string, long[], bool, long[]> Cases => new()
    {
        // 100 * s / 4: 0, 50, 100
        { "scaled so the best is 100", [0, 2, 4], false, [0, 50, 100] },

        // 100 - 100 * s / 4
        { "reversed so the least is 100", [0, 2, 4], true, [100, 50, 0] },

        // 100 * 1 / 3 = 33 (truncated)
        { "integer division truncates", [1, 3], false, [33, 100] },
        { "all zero stays zero", [0, 0], false, [0, 0] },
        { "all zero reversed is all 100", [0, 0], true, [100, 100] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Default_normalization_scales_raw_scores_to_a_hundred(string name, long[] raw, bool reverse, long[] expected)
    {
        NodeScores.DefaultNormalize(raw, reverse);

        Assert.True(expected.SequenceEqual(raw), name);
    }
}
