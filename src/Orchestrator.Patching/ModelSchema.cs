using Orchestrator.Core.Schema;

namespace Orchestrator.Patching;

/// <summary>
/// Walks a KubernetesClient model type alongside the JSON. A null type means the field is not in the model:
/// its maps still merge, its lists are replaced.
/// </summary>
internal static class ModelSchema
{
    public static Type? FieldType(Type? parent, string field)
    {
        if (parent is null)
        {
            return null;
        }
        if (IsMap(parent))
        {
            return ModelProperties.ElementType(parent);
        }
        return ModelProperties.Of(parent).TryGetValue(field, out var property) ? property.PropertyType : null;
    }

    public static Type? ItemType(Type? listType) => listType is null ? null : ModelProperties.ElementType(listType);

    public static ListStrategy? Strategy(Type? parent, string field) =>
        parent is null || IsMap(parent) ? null : PatchMetadata.For(parent, field);

    // Maps such as labels are IDictionary<string, T>: every key shares the value type and no key has a strategy.
    private static bool IsMap(Type type) => type.IsGenericType && type.GetGenericArguments().Length == 2;
}
