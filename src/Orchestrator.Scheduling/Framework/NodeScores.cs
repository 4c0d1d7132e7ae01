namespace Orchestrator.Scheduling.Framework;

/// <summary>The score range and kube-scheduler's default normalization.</summary>
public static class NodeScores
{
    public const long Max = 100;
    public const long Min = 0;

    /// <summary>Scales scores so the highest becomes 100 (or, reversed, the lowest does); all zero stays 0, or all 100 reversed.</summary>
    public static void DefaultNormalize(Span<long> scores, bool reverse)
    {
        long highest = 0;
        foreach (var score in scores)
        {
            highest = Math.Max(highest, score);
        }

        if (highest == 0)
        {
            if (reverse)
            {
                scores.Fill(Max);
            }

            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = Max * scores[i] / highest;
            scores[i] = reverse ? Max - scaled : scaled;
        }
    }
}
