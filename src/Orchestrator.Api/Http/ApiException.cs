using k8s.Models;

namespace Orchestrator.Api.Http;

/// <summary>An error answered as a Kubernetes <c>Status</c>: HTTP code, machine reason, a message a person can act on.</summary>
public sealed class ApiException(int code, string reason, string message, V1StatusDetails? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public V1StatusDetails? Details { get; } = details;

    public IDictionary<string, string>? Headers { get; init; }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Resource(group, plural)} \"{name}\" not found", new V1StatusDetails { Name = name, Group = group, Kind = plural });

    public static ApiException AlreadyExists(string group, string plural, string name) =>
        new(409, "AlreadyExists", $"{Resource(group, plural)} \"{name}\" already exists", new V1StatusDetails { Name = name, Group = group, Kind = plural });

    public static ApiException Conflict(string group, string plural, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Resource(group, plural)} \"{name}\": {why}", new V1StatusDetails { Name = name, Group = group, Kind = plural });

    public static ApiException Invalid(string group, string kind, string name, string message, IList<V1StatusCause> causes) =>
        new(422, "Invalid", message, new V1StatusDetails { Name = name, Group = group, Kind = kind, Causes = causes });

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    private static string Resource(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";
}
