using System.Text.Json;

namespace Orchestrator.Protobuf.Schema;

/// <summary>The generated table (Schema/messages.json): the kinds accepted as bodies and every message they reach.</summary>
internal sealed class ProtoSchema
{
    private const string ResourceName = "Orchestrator.Protobuf.messages.json";

    private ProtoSchema(IReadOnlyDictionary<string, string> kinds, IReadOnlyDictionary<string, MessageSchema> messages)
    {
        Kinds = kinds;
        Messages = messages;
    }

    public static ProtoSchema Instance { get; } = Load();

    /// <summary>"apiVersion/Kind" to the message that encodes it.</summary>
    public IReadOnlyDictionary<string, string> Kinds { get; }

    public IReadOnlyDictionary<string, MessageSchema> Messages { get; }

    /// <summary>The message for a kind; DeleteOptions is registered in every group, as in Kubernetes.</summary>
    public MessageSchema? ForKind(string apiVersion, string kind)
    {
        var name = kind == "DeleteOptions" ? "meta.v1.DeleteOptions" : Kinds.GetValueOrDefault(apiVersion + "/" + kind);
        return name is null ? null : Messages[name];
    }

    private static ProtoSchema Load()
    {
        using var stream = typeof(ProtoSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var kinds = root.GetProperty("kinds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var messages = new Dictionary<string, MessageSchema>();
        foreach (var message in root.GetProperty("messages").EnumerateObject())
        {
            var fields = message.Value.EnumerateArray()
                .Select(row => FieldSchema.Parse(
                    row[0].GetInt32(), row[1].GetString()!, row[2].GetString()!, row[3].GetString()!))
                .ToList();
            messages.Add(message.Name, new MessageSchema(message.Name, fields));
        }
        return new ProtoSchema(kinds, messages);
    }
}
