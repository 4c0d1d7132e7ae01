using System.Globalization;
using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>maxSurge and maxUnavailable resolved against the replica count with kube's rounding (surge up, unavailable down).</summary>
public static class RollingParameters
{
    /// <summary>intstr.GetScaledValueFromIntOrPercent.</summary>
    public static int Scaled(IntOrString? value, int total, bool roundUp)
    {
        var text = value?.Value;
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (!text.EndsWith('%'))
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }
        var percent = int.Parse(text[..^1], CultureInfo.InvariantCulture);
        var scaled = (long)percent * total;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /// <summary>ResolveFenceposts: both zero would never progress, so unavailable becomes 1.</summary>
    public static (int Surge, int Unavailable) Resolve(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = Scaled(maxSurge, desired, roundUp: true);
        var unavailable = Scaled(maxUnavailable, desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    public static bool IsRolling(V1Deployment d) => d.Spec.Strategy?.Type is null or "RollingUpdate";

    public static int MaxSurge(V1Deployment d) =>
        IsRolling(d) ? Resolve(d.Spec.Strategy?.RollingUpdate?.MaxSurge, d.Spec.Strategy?.RollingUpdate?.MaxUnavailable, Replicas(d)).Surge : 0;

    public static int MaxUnavailable(V1Deployment d)
    {
        var replicas = Replicas(d);
        if (!IsRolling(d) || replicas == 0)
        {
            return 0;
        }
        var unavailable = Resolve(d.Spec.Strategy?.RollingUpdate?.MaxSurge, d.Spec.Strategy?.RollingUpdate?.MaxUnavailable, replicas).Unavailable;
        return Math.Min(unavailable, replicas);
    }

    public static int Replicas(V1Deployment d) => d.Spec.Replicas ?? 1;
}
