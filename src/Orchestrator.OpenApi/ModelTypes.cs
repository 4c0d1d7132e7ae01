using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Orchestrator.OpenApi;

/// <summary>Names and kinds of KubernetesClient model types, as Kubernetes' OpenAPI documents name them.</summary>
internal static partial class ModelTypes
{
    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";

    private static readonly HashSet<string> MetaKinds =
    [
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry",
        "ObjectMeta", "OwnerReference", "Preconditions", "ServerAddressByClientCIDR", "Status", "StatusCause",
        "StatusDetails", "WatchEvent",
    ];

    // Types whose name starts with another group's kind but which belong elsewhere, or the reverse.
    private static readonly Dictionary<string, string> PackageOverrides = new()
    {
        ["RollingUpdateDeployment"] = "apps",
        ["ScaleIOVolumeSource"] = "core",
        ["ScaleIOPersistentVolumeSource"] = "core",
    };

    private static readonly Assembly Models = typeof(V1Pod).Assembly;

    private static readonly Dictionary<(string Group, string Version, string Kind), Type> ByKind = Models.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is not null && !x.Type.IsGenericTypeDefinition)
        .GroupBy(x => (x.Entity!.Group ?? "", x.Entity.ApiVersion ?? "", x.Entity.Kind ?? ""))
        .ToDictionary(g => g.Key, g => g.First().Type);

    // Kind name -> Go package of every non-core entity, longest first, to place its helper types (DeploymentSpec -> apps).
    private static readonly (string Kind, string Package)[] KindPackages = [.. ByKind.Keys
        .Where(k => k.Group.Length > 0 && k.Kind.Length > 0)
        .Select(k => (k.Kind, Package: PackageOf(k.Group)))
        .Distinct()
        .OrderByDescending(k => k.Kind.Length)];

    /// <summary>The model type of a kind, e.g. <c>autoscaling/v1 Scale</c> -> <see cref="V1Scale"/>.</summary>
    public static Type? ForKind(string group, string version, string kind) => ByKind.GetValueOrDefault((group, version, kind));

    /// <summary>The group/version/kind a top-level type declares, or null for a nested type.</summary>
    public static (string Group, string Version, string Kind)? KindOf(Type type) =>
        type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind: { Length: > 0 } kind } entity
            ? (entity.Group ?? "", entity.ApiVersion ?? "", kind)
            : null;

    /// <summary>The Go-style short name, e.g. <c>V1PodSpec</c> -> <c>PodSpec</c>, <c>Corev1Event</c> -> <c>Event</c>.</summary>
    public static string ShortName(Type type) => Split(type).Name;

    /// <summary>The name of the schema in <c>components.schemas</c>, e.g. <c>io.k8s.api.core.v1.PodSpec</c>.</summary>
    public static string SchemaName(Type type)
    {
        if (type == typeof(IntOrString))
        {
            return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
        }
        if (type == typeof(ResourceQuantity))
        {
            return "io.k8s.apimachinery.pkg.api.resource.Quantity";
        }
        var (prefix, version, name) = Split(type);
        if (MetaKinds.Contains(name))
        {
            return $"{MetaPackage}.{name}";
        }
        var package = KindOf(type) is { } gvk ? PackageOf(gvk.Group) : PackageFor(prefix, name);
        return $"io.k8s.api.{package}.{version}.{name}";
    }

    /// <summary>The Go package alias Kubernetes would print for the type, e.g. <c>v1.Container</c>.</summary>
    public static string GoName(Type type) => type == typeof(IntOrString) ? "intstr.IntOrString"
        : type == typeof(ResourceQuantity) ? "resource.Quantity"
        : $"{Split(type).Version}.{ShortName(type)}";

    private static string PackageFor(string prefix, string name)
    {
        if (prefix.Length > 0)
        {
            return prefix;
        }
        if (PackageOverrides.TryGetValue(name, out var package))
        {
            return package;
        }
        foreach (var (kind, kindPackage) in KindPackages)
        {
            if (name.StartsWith(kind, StringComparison.Ordinal) && (name.Length == kind.Length || char.IsUpper(name[kind.Length])))
            {
                return kindPackage;
            }
        }
        return "core";
    }

    // "" -> core, "apps" -> apps, "coordination.k8s.io" -> coordination.
    private static string PackageOf(string group) => group.Length == 0 ? "core" : group.Split('.')[0];

    private static (string Prefix, string Version, string Name) Split(Type type)
    {
        var match = NamePattern().Match(type.Name);
        return match.Success
            ? (match.Groups["prefix"].Value.ToLowerInvariant(), match.Groups["version"].Value.ToLowerInvariant(), match.Groups["name"].Value)
            : ("", "v1", type.Name);
    }

    [GeneratedRegex("^(?<prefix>(?:[A-Z][a-z]+)?)(?<version>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<name>[A-Z].*)$")]
    private static partial Regex NamePattern();
}
