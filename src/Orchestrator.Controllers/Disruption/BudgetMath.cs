using System.Globalization;
using k8s.Models;

namespace Orchestrator.Controllers.Disruption;

/// <summary>intstr.GetScaledValueFromIntOrPercent: a count as is, a percentage of a total rounded up or down.</summary>
public static class BudgetMath
{
    public static bool IsPercent(IntOrString? value) => value?.Value?.EndsWith('%') == true;

    public static int Scaled(IntOrString value, int total, bool roundUp)
    {
        var text = value.Value ?? "0";
        if (text.EndsWith('%'))
        {
            if (!int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                throw new FormatException($"invalid value for IntOrString: invalid value \"{text}\"");
            }
            var scaled = (long)total * percent;
            return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"invalid value for IntOrString: invalid value \"{text}\"");
    }
}
