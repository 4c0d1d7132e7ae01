using k8s.Models;

namespace Orchestrator.OpenApi;

public static partial class StrictDecoder
{
    /// <summary>What JSON a property type takes, worked out once per type in the order the checks are made.</summary>
    private sealed record ValueShape(ShapeKind Kind, Type Type, ValueShape? Element)
    {
        public static ValueShape Of(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type switch
            {
                _ when type == typeof(object) => new(ShapeKind.Any, type, null),
                _ when type == typeof(string) => new(ShapeKind.String, type, null),
                _ when type == typeof(bool) => new(ShapeKind.Bool, type, null),
                _ when type == typeof(int) || type == typeof(long) => new(ShapeKind.Integer, type, null),
                _ when type == typeof(double) || type == typeof(float) => new(ShapeKind.Float, type, null),
                _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => new(ShapeKind.Time, type, null),
                _ when type == typeof(byte[]) => new(ShapeKind.Bytes, type, null),
                _ when type == typeof(IntOrString) => new(ShapeKind.IntOrString, type, null),
                _ when type == typeof(ResourceQuantity) => new(ShapeKind.Quantity, type, null),
                { IsGenericType: true } when type.GetGenericArguments() is [var key, var value] && key == typeof(string) =>
                    new(ShapeKind.Map, type, Of(value)),
                { IsGenericType: true } when type.GetGenericArguments() is [var element] => new(ShapeKind.List, type, Of(element)),
                _ => new(ShapeKind.Struct, type, null),
            };
        }
    }

    private enum ShapeKind
    {
        Any,
        String,
        Bool,
        Integer,
        Float,
        Time,
        Bytes,
        IntOrString,
        Quantity,
        Map,
        List,
        Struct,
    }
}
