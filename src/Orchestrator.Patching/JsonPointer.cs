using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>RFC 6901 JSON pointers: parsing with <c>~0</c>/<c>~1</c> escapes and lookups in a document.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    public static JsonPointer Parse(string text, string context)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }
        if (text[0] != '/')
        {
            throw PatchException.Malformed($"{context}: JSON pointer \"{text}\" must be empty or start with '/'");
        }
        var tokens = text[1..].Split('/').Select(t => Unescape(t, text, context)).ToArray();
        return new JsonPointer(text, tokens);
    }

    public bool IsProperPrefixOf(JsonPointer other) =>
        Tokens.Count < other.Tokens.Count && Tokens.Select((t, i) => t == other.Tokens[i]).All(same => same);

    public bool TryResolve(JsonNode? root, out JsonNode? node) => TryResolve(root, Tokens.Count, out node);

    /// <summary>The object or array that holds the last token.</summary>
    public JsonNode Parent(JsonNode? root, string context)
    {
        if (!TryResolve(root, Tokens.Count - 1, out var parent) || parent is not (JsonObject or JsonArray))
        {
            throw PatchException.CannotApply($"{context}: the parent of \"{Text}\" does not exist or is not an object or array");
        }
        return parent;
    }

    /// <summary>Reads an array index token; "-" (one past the end) only when <paramref name="allowEnd"/>.</summary>
    public static int Index(string token, JsonArray array, bool allowEnd, string context)
    {
        var end = allowEnd ? array.Count : array.Count - 1;
        if (allowEnd && token == "-")
        {
            return array.Count;
        }
        var wellFormed = token.Length > 0 && token.All(char.IsAsciiDigit) && (token == "0" || token[0] != '0');
        if (!wellFormed || !int.TryParse(token, out var index) || index > end)
        {
            throw PatchException.CannotApply($"{context}: \"{token}\" is not an index of an array of {array.Count} element(s)");
        }
        return index;
    }

    private bool TryResolve(JsonNode? root, int depth, out JsonNode? node)
    {
        node = root;
        for (var i = 0; i < depth; i++)
        {
            var token = Tokens[i];
            switch (node)
            {
                case JsonObject o when o.TryGetPropertyValue(token, out var child):
                    node = child;
                    break;
                case JsonArray a when IsIndex(token, a.Count, out var index):
                    node = a[index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }
        return true;
    }

    private static bool IsIndex(string token, int count, out int index)
    {
        index = -1;
        var wellFormed = token.Length > 0 && token.All(char.IsAsciiDigit) && (token == "0" || token[0] != '0');
        return wellFormed && int.TryParse(token, out index) && index < count;
    }

    private static string Unescape(string token, string text, string context)
    {
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && (i + 1 == token.Length || token[i + 1] is not ('0' or '1')))
            {
                throw PatchException.Malformed($"{context}: JSON pointer \"{text}\" has '~' not followed by '0' or '1'");
            }
        }
        // ~1 first, so that "~01" becomes "~1" and not "/".
        return token.Replace("~1", "/").Replace("~0", "~");
    }
}
