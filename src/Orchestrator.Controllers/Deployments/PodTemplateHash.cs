using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Controllers.Deployments;

/// <summary>
/// The pod-template-hash: an FNV-32a hash of the template (and the collision count), spelled with kube's
/// SafeEncodeString alphabet; and EqualIgnoreHash, which is how a Deployment recognises its new ReplicaSet.
/// </summary>
public static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(V1PodTemplateSpec template, int? collisionCount)
    {
        var bytes = Encoding.UTF8.GetBytes(Canonical(template).ToJsonString());
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        if (collisionCount is { } count)
        {
            foreach (var b in BitConverter.GetBytes(count))
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => Alphanumerics[c % Alphanumerics.Length]));
    }

    public static bool EqualIgnoreHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b) =>
        a is not null && b is not null && JsonNode.DeepEquals(Canonical(a), Canonical(b));

    /// <summary>The template without its pod-template-hash label, as JSON.</summary>
    private static JsonNode Canonical(V1PodTemplateSpec template)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(template))!;
        if (json["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0)
            {
                json["metadata"]!.AsObject().Remove("labels");
            }
        }
        return json;
    }
}
