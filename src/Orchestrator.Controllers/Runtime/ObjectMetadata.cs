using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// Reads objects for routing and planning without their bulk, as kube's metadata informers give a controller less
/// than the whole object: <see cref="Read(StoredObject)"/> finds the top-level <c>metadata</c> with a forward-only
/// reader that stops there, and both it and <see cref="Lean{T}"/> skip <c>metadata.managedFields</c>, which for a pod
/// is as large as its spec and which no controller reads. What they return is for reading: an object to be written
/// back is decoded whole (<see cref="InProcessClient.Get{T}"/>), or the write would drop its field managers.
/// </summary>
public static class ObjectMetadata
{
    private static readonly byte[] Metadata = "metadata"u8.ToArray();

    // KubernetesClient's own settings (its date converters among them), with managedFields left out of ObjectMeta's
    // contract so the reader skips it without allocating; read straight from UTF-8, with no string of the object.
    private static readonly JsonSerializerOptions LeanOptions = CreateLeanOptions();

    // Not cached per stored revision as lean objects are (InProcessClient.ListForReading): every change event of
    // every object is routed by its metadata, so a cache would hold one decoded metadata per stored object, some
    // 850 bytes per pod in the API benchmark's 150,000 (3,717 -> 4,570 B of heap per pod), to save one small decode.
    public static V1ObjectMeta Read(StoredObject stored) => Read(stored.Json);

    /// <summary>
    /// False when the object cannot have <c>metadata.ownerReferences</c>: the name appears nowhere in it. Most pods have
    /// no owner, and every change of every pod (its binding, its Running status) is routed by the garbage collector
    /// and the ReplicaSet controller; a byte search spares both the decode.
    /// </summary>
    public static bool MayHaveOwners(StoredObject stored) => stored.Json.AsSpan().IndexOf("\"ownerReferences\""u8) >= 0;

    /// <summary>False when the object cannot be being deleted: <c>deletionTimestamp</c> appears nowhere in it.</summary>
    public static bool MayBeDeleting(StoredObject stored) => stored.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) >= 0;

    public static V1ObjectMeta Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a stored object is not a JSON object");
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals(Metadata);
            reader.Read();
            if (isMetadata && reader.TokenType == JsonTokenType.StartObject)
            {
                return JsonSerializer.Deserialize<V1ObjectMeta>(ref reader, LeanOptions) ?? new V1ObjectMeta();
            }
            reader.Skip();
        }
        return new V1ObjectMeta();
    }

    private static JsonSerializerOptions CreateLeanOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(kubernetes => options = new JsonSerializerOptions(kubernetes));
        options!.TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (info.Type == typeof(V1ObjectMeta) && info.Properties.FirstOrDefault(p => p.Name == "managedFields") is { } managed)
                    {
                        info.Properties.Remove(managed);
                    }
                },
            },
        };
        return options;
    }

    /// <summary>The whole object but its managedFields, for reading only.</summary>
    public static T Lean<T>(StoredObject stored) => JsonSerializer.Deserialize<T>(stored.Json, LeanOptions)!;
}
