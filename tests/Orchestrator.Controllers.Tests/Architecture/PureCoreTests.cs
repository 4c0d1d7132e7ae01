using System.Reflection;
using System.Reflection.Emit;
using Orchestrator.Controllers.Deployments;
using Orchestrator.Controllers.GarbageCollection;
using Orchestrator.Controllers.PodGarbageCollection;
using Orchestrator.Controllers.ReplicaSets;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Tests.Architecture;

/// <summary>
/// The controllers' cores share an assembly with their edges, so this test holds them to the house rule instead of a
/// project boundary: nothing in their signatures or method bodies touches Orleans, ASP.NET, the API server or the store.
/// </summary>
public sealed class PureCoreTests
{
    private static readonly string[] Allowed = ["System", "KubernetesClient", "Orchestrator.Controllers", "Orchestrator.Storage"];

    private static readonly Type[] Cores =
    [
        typeof(ReplicaSetSync), typeof(PodDeletionOrder), typeof(DeploymentSync), typeof(RollingParameters), typeof(PodTemplateHash),
        typeof(DeploymentConditions), typeof(DeploymentAnnotations), typeof(ReplicaSetOrder), typeof(CollectionDecisions), typeof(OwnerGraph),
        typeof(LabelSelectors), typeof(OwnerReferences), typeof(PodConditions), typeof(WorkQueue), typeof(PodGcCore),
    ];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static readonly Type[] Edges =
    [
        typeof(InProcessClient), typeof(EventRecorder), typeof(ControllerLoop),
        typeof(ReplicaSetController), typeof(DeploymentController), typeof(GarbageCollector), typeof(PodGarbageCollector),
    ];

    public static TheoryData<Type> CoreTypes => [.. Cores];

    [Theory]
    [MemberData(nameof(CoreTypes))]
    public void A_core_uses_only_models_the_runtime_and_its_own_kind(Type core)
    {
        var used = new HashSet<Type>();
        foreach (var type in core.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public).Prepend(core))
        {
            const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(All))
            {
                used.Add(field.FieldType);
            }
            foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                used.UnionWith(method.GetParameters().Select(p => p.ParameterType));
                used.UnionWith(Referenced(method));
            }
        }
        // Orchestrator.Controllers holds the edges too, so they are named one by one.
        var forbidden = used.Select(t => t.Assembly.GetName().Name!).Distinct()
            .Where(n => !Allowed.Any(a => n == a || n.StartsWith(a + ".", StringComparison.Ordinal)))
            .Concat(used.Where(Edges.Contains).Select(t => t.Name)).ToList();

        Assert.True(forbidden.Count == 0, $"{core.Name} uses {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void The_check_sees_what_an_edge_uses()
    {
        var used = typeof(GarbageCollector).GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Concat(typeof(GarbageCollector).GetNestedTypes(BindingFlags.NonPublic).SelectMany(t => t.GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
            .SelectMany(Referenced).ToHashSet();

        Assert.Contains(typeof(InProcessClient), used);
    }

    /// <summary>The declaring types of every method and field, and every type, a method's IL refers to.</summary>
    private static IEnumerable<Type> Referenced(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            var size = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i),
                    method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null,
                    method.IsGenericMethod ? method.GetGenericArguments() : null);
                if (member is not null)
                {
                    yield return member is Type t ? t : member.DeclaringType!;
                }
            }
            i += size;
        }
    }
}
