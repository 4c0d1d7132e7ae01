using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Runtime;

/// <summary>
/// Reads only an object's <c>metadata</c> (what kube's metadata informers give a controller): the bytes of that one
/// field are found with a forward-only reader, which stops there, and only they are decoded. A pod's spec and status
/// are most of its bytes, and every controller that routes pod events by owner needs none of them.
/// </summary>
public static class ObjectMetadata
{
    private static readonly byte[] Metadata = "metadata"u8.ToArray();

    public static V1ObjectMeta Read(StoredObject stored) => Read(stored.Json);

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
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var slice = json[start..(int)(reader.TokenStartIndex + 1)];
                return KubernetesJson.Deserialize<V1ObjectMeta>(Encoding.UTF8.GetString(slice));
            }
            reader.Skip();
        }
        return new V1ObjectMeta();
    }
}
