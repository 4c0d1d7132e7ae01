using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Orchestrator.Core.Schema;

/// <summary>The JSON properties of a KubernetesClient model type, by their wire names.</summary>
public static class ModelProperties
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Cache = new();

    public static IReadOnlyDictionary<string, PropertyInfo> Of(Type modelType) =>
        Cache.GetOrAdd(modelType, static t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => p.Property));

    /// <summary>The element type of a list property, or the value type of a map, or the type itself.</summary>
    public static Type ElementType(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying;
        }
        if (type != typeof(string) && type.IsGenericType)
        {
            var args = type.GetGenericArguments();
            return args[^1];
        }
        return type;
    }
}
