namespace Orchestrator.Images;

/// <summary>
/// A registry's "WWW-Authenticate: Bearer realm=...,service=...,scope=..." challenge, which says where to get a token
/// (the Docker token protocol that every public registry speaks).
/// </summary>
internal sealed record BearerChallenge(string Realm, string? Service, string? Scope)
{
    /// <summary>Parses the parameters after "Bearer"; values may be quoted and quoted values may hold commas.</summary>
    public static BearerChallenge? Parse(string? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] == ',' || char.IsWhiteSpace(parameters[i])))
            {
                i++;
            }

            var equals = parameters.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var key = parameters[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < parameters.Length && parameters[i] == '"')
            {
                var builder = new System.Text.StringBuilder();
                for (i++; i < parameters.Length && parameters[i] != '"'; i++)
                {
                    if (parameters[i] == '\\' && i + 1 < parameters.Length)
                    {
                        i++;
                    }

                    builder.Append(parameters[i]);
                }

                i++;
                value = builder.ToString();
            }
            else
            {
                var comma = parameters.IndexOf(',', i);
                var end = comma < 0 ? parameters.Length : comma;
                value = parameters[i..end].Trim();
                i = end;
            }

            values[key] = value;
        }

        return values.TryGetValue("realm", out var realm) && realm.Length > 0
            ? new BearerChallenge(realm, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"))
            : null;
    }

    /// <summary>The token endpoint's URL for this challenge, asking for <paramref name="fallbackScope"/> if the registry named none.</summary>
    public Uri TokenUri(string fallbackScope)
    {
        var query = new List<string>();
        if (Service is not null)
        {
            query.Add("service=" + Uri.EscapeDataString(Service));
        }

        // A challenge may ask for several scopes at once, separated by spaces; each is its own parameter.
        foreach (var scope in (Scope ?? fallbackScope).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Add("scope=" + Uri.EscapeDataString(scope));
        }

        var separator = Realm.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(query.Count == 0 ? Realm : Realm + separator + string.Join('&', query));
    }
}
