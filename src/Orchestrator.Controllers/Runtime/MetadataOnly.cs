using System.Text.Json.Serialization;
using k8s.Models;

namespace Orchestrator.Controllers.Runtime;

/// <summary>An object of any kind read for its metadata alone (what PartialObjectMetadata is to kube's metadata informers).</summary>
public sealed class MetadataOnly
{
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
