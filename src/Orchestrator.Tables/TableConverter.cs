using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;
using Orchestrator.Tables.Formatting;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables;

/// <summary>Renders objects as the meta.k8s.io/v1 Table kubectl get asks for, with Kubernetes' own columns and cells.</summary>
public static class TableConverter
{
    private const string MetaGroupVersion = "meta.k8s.io/v1";

    /// <summary>One row per object, in order; every column (wide ones too) is filled, kubectl picks what to show.</summary>
    public static JsonObject ToTable(ResourceDescriptor resource, IReadOnlyList<JsonObject> objects, DateTimeOffset now, TableOptions options)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(options);

        var printer = PrinterRegistry.For(resource);
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(printer.Print(obj, now), obj, options.IncludeObject));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = MetaGroupVersion,
            ["metadata"] = ListMeta(objects, options),

            // Go's Table has no omitempty here: without headers the field is null, not absent.
            ["columnDefinitions"] = options.NoHeaders ? null : Columns(printer),
            ["rows"] = rows,
        };
    }

    /// <summary>The columnDefinitions of <paramref name="resource"/>'s Table, priority 1 (wide) columns included.</summary>
    public static JsonArray ColumnDefinitions(ResourceDescriptor resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Columns(PrinterRegistry.For(resource));
    }

    private static JsonArray Columns(ITablePrinter printer) => [.. printer.Columns.Select(c => c.ToJson())];

    private static JsonObject ListMeta(IReadOnlyList<JsonObject> objects, TableOptions options)
    {
        var meta = new JsonObject();
        var resourceVersion = options.ResourceVersion
            ?? (objects.Count == 1 ? objects[0].Str("metadata", "resourceVersion") : "");
        if (resourceVersion.Length > 0)
        {
            meta["resourceVersion"] = resourceVersion;
        }

        if (!string.IsNullOrEmpty(options.Continue))
        {
            meta["continue"] = options.Continue;
        }

        return meta;
    }

    private static JsonObject Row(PrintedRow printed, JsonObject obj, IncludeObject include)
    {
        var row = new JsonObject { ["cells"] = printed.Cells };
        if (printed.Conditions is { } conditions)
        {
            row["conditions"] = conditions;
        }

        switch (include)
        {
            case IncludeObject.Metadata:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = MetaGroupVersion,
                    ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
                };
                break;
            case IncludeObject.Object:
                row["object"] = obj.DeepClone();
                break;
            case IncludeObject.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(include), include, "unrecognized includeObject value");
        }

        return row;
    }
}
