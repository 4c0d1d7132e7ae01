using System.Globalization;

namespace Orchestrator.Client;

/// <summary>One line about a failed API call, for progress lines and logs: the HTTP status and the start of the server's answer.</summary>
public static class ApiErrors
{
    public static string Describe(Exception? error) => error switch
    {
        null => "no error",
        k8s.Autorest.HttpOperationException { Response: { } response } =>
            string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}: {Shorten(response.Content)}"),
        _ => $"{error.GetType().Name}: {Shorten(error.Message)}",
    };

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200] + "...";
}
