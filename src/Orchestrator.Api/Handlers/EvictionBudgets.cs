using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Core.Resources;
using Orchestrator.Core.Selectors;

namespace Orchestrator.Api.Handlers;

/// <summary>
/// kube's eviction check against PodDisruptionBudgets: at most one budget may select the pod; a budget the disruption
/// controller has not caught up with, or that allows no disruption, refuses with 429; otherwise the eviction takes
/// one disruption and names the pod in disruptedPods, written with optimistic concurrency so that concurrent
/// evictions (kubectl drain sends them in parallel) can never spend the same disruption twice.
/// </summary>
internal static class EvictionBudgets
{
    public const string Refused = "Cannot evict pod as it would violate the pod's disruption budget.";

    private const int MaxDisruptedPods = 2000;

    private static readonly ResourceDescriptor Budgets = ResourceRegistry.BuiltIn.Find("policy", "v1", "poddisruptionbudgets")!;

    /// <summary>Whether a PodDisruptionBudget guards this pod at all: terminal, pending and terminating pods are not guarded.</summary>
    public static bool Guards(JsonObject pod) =>
        pod["metadata"]?["deletionTimestamp"] is null && pod["status"]?["phase"]?.ToString() is not ("Succeeded" or "Failed" or "Pending");

    public static async Task CheckAndDecrementAsync(ObjectWriter objects, string ns, JsonObject pod, DateTimeOffset now, bool dryRun)
    {
        var podName = pod["metadata"]?["name"]?.ToString() ?? "";
        var labels = (pod["metadata"]?["labels"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
        for (var attempt = 0; ; attempt++)
        {
            var matching = objects.Store.Cache.List(Budgets.StorageKey, ns, _ => true).Items
                .Where(s => LabelSelector.FromLabelSelectorJson(ObjectWriter.Parse(s)["spec"]?["selector"] as JsonObject).Matches(labels))
                .ToList();
            if (matching.Count == 0)
            {
                return;
            }
            if (matching.Count > 1)
            {
                throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            }
            var stored = matching[0];
            var pdb = ObjectWriter.Parse(stored);
            var status = pdb["status"] as JsonObject ?? [];
            var name = stored.Key.Name;
            var healthy = Int(status, "currentHealthy");
            var desired = Int(status, "desiredHealthy");
            var ready = (pod["status"]?["conditions"] as JsonArray)?.Any(c => c?["type"]?.ToString() == "Ready" && c["status"]?.ToString() == "True") == true;
            if (!ready && (pdb["spec"]?["unhealthyPodEvictionPolicy"]?.ToString() == "AlwaysAllow" || (healthy >= desired && desired > 0)))
            {
                // An unready pod does not count as healthy: evicting it spends nothing while the budget is met.
                return;
            }
            if (Int(status, "observedGeneration") < (pdb["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var gen) ? gen : 0))
            {
                throw TooMany($"The disruption budget {name} is still being processed by the server.", 10);
            }
            var allowed = Int(status, "disruptionsAllowed");
            if (allowed < 0)
            {
                throw new ApiException(403, "Forbidden", $"poddisruptionbudgets.policy \"{name}\" is forbidden: pdb disruptions allowed is negative");
            }
            var disrupted = status["disruptedPods"] as JsonObject ?? [];
            if (disrupted.Count > MaxDisruptedPods)
            {
                throw new ApiException(403, "Forbidden", $"poddisruptionbudgets.policy \"{name}\" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller");
            }
            if (allowed == 0)
            {
                throw TooMany($"The disruption budget {name} needs {desired} healthy pods and has {healthy} currently", 0);
            }
            if (dryRun)
            {
                return;
            }
            status["disruptionsAllowed"] = allowed - 1;
            disrupted[podName] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            status["disruptedPods"] = disrupted.DeepClone();
            if (allowed == 1 && status["conditions"] is JsonArray conditions)
            {
                foreach (var condition in conditions.OfType<JsonObject>().Where(c => c["type"]?.ToString() == "DisruptionAllowed" && c["status"]?.ToString() != "False"))
                {
                    condition["status"] = "False";
                    condition["reason"] = "InsufficientPods";
                    condition["lastTransitionTime"] = disrupted[podName]!.DeepClone();
                }
            }
            pdb["status"] = status.DeepClone();
            try
            {
                await objects.UpdateAsync(Budgets, ns, name, stored, pdb, "status", new WriteOptions("eviction", "Ignore", DryRun: false), stored.Revision);
                return;
            }
            catch (ApiException e) when (e.Code == 409 && attempt < 10)
            {
                // Another eviction spent a disruption first: look at the budget again once the cache has its write.
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (attempt + 1)));
            }
        }
    }

    private static long Int(JsonObject obj, string field) => obj[field] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static ApiException TooMany(string cause, int retryAfter) =>
        new(429, "TooManyRequests", Refused, new V1StatusDetails
        {
            Causes = [new V1StatusCause { Reason = "DisruptionBudget", Message = cause }],
            RetryAfterSeconds = retryAfter == 0 ? null : retryAfter,
        })
        {
            Headers = retryAfter == 0 ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture) },
        };
}
