using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Admission;
using Orchestrator.Api.Http;
using Orchestrator.Apply;
using Orchestrator.Core.Resources;
using Orchestrator.Grains;
using Orchestrator.Storage;

namespace Orchestrator.Api.Objects;

/// <summary>
/// What Kubernetes' registry strategies do around a write: system metadata, defaulting, priority,
/// validation, managed fields and generation, then the durable write through the shard grain.
/// </summary>
public sealed class ObjectWriter(ObjectStore store, ResourceRegistry registry, TimeProvider clock, AdmissionOptions admission, ServiceIpAllocator serviceIps)
{
    private readonly ResourceDescriptor _namespaces = registry.Find("", "v1", "namespaces")!;
    private readonly ResourceDescriptor _priorityClasses = registry.Find("scheduling.k8s.io", "v1", "priorityclasses")!;
    private readonly Dictionary<string, (long Revision, (PriorityClassInfo Info, bool GlobalDefault) Value)> _priorityClassMemo = new(StringComparer.Ordinal);

    public ObjectStore Store => store;

    /// <summary>Creates <paramref name="obj"/> (already decoded and kind-checked) in <paramref name="ns"/>.</summary>
    public async Task<byte[]> CreateAsync(ResourceDescriptor resource, string? ns, JsonObject obj, WriteOptions options)
    {
        var name = AdmitNew(resource, ns, obj);
        var tracked = ServerSideApply.TrackUpdate(null, obj, options.FieldManager, resource.ModelType, clock.GetUtcNow(), resource.GroupVersion);
        return options.DryRun ? Bytes(tracked) : Result(resource, name, await store.CreateAsync(resource, ns, name, tracked));
    }

    /// <summary>Creates an object that server-side apply produced (its managedFields are already set).</summary>
    public async Task<byte[]> CreateAppliedAsync(ResourceDescriptor resource, string? ns, JsonObject obj, bool dryRun)
    {
        var name = AdmitNew(resource, ns, obj);
        return dryRun ? Bytes(obj) : Result(resource, name, await store.CreateAsync(resource, ns, name, obj));
    }

    /// <summary>What every create goes through before it is stored; returns the (possibly generated) name.</summary>
    private string AdmitNew(ResourceDescriptor resource, string? ns, JsonObject obj)
    {
        PrepareCreate(resource, ns, obj, ObjectMetadata.Metadata(obj));
        var name = ObjectMetadata.String(obj, "name")!;
        if (resource.Namespaced)
        {
            RequireLiveNamespace(ns!);
        }
        Defaulter.Apply(resource, obj, admission);
        ResolvePriority(resource, obj);
        AssignServiceIp(resource, obj);
        ThrowIfInvalid(resource, name, Validator.ValidateCreate(resource, obj));
        return name;
    }

    /// <summary>
    /// Replaces <paramref name="current"/> with <paramref name="updated"/>. Finalizing objects whose last finalizer
    /// goes away are deleted, as Kubernetes does in its update path.
    /// </summary>
    public async Task<byte[]> UpdateAsync(
        ResourceDescriptor resource, string? ns, string name, StoredObject current, JsonObject updated,
        string? subresource, WriteOptions options, long expectedRevision, bool trackFields = true)
    {
        var old = Parse(current);
        var next = subresource switch
        {
            "status" => WithStatus(old, updated),
            null => Carry(resource, old, updated),
            _ => updated,
        };
        Defaulter.Apply(resource, next, admission);
        // A binding sets spec.nodeName, which pod validation rightly calls immutable for every other writer.
        if (subresource != "binding")
        {
            ThrowIfInvalid(resource, name, Validator.ValidateUpdate(resource, next, old));
        }
        if (trackFields)
        {
            next = ServerSideApply.TrackUpdate(old, next, options.FieldManager, resource.ModelType, clock.GetUtcNow(), resource.GroupVersion);
        }
        if (options.DryRun)
        {
            return Bytes(next);
        }
        var precondition = new WritePrecondition(expectedRevision == 0 ? current.Revision : expectedRevision);
        if (ObjectMetadata.String(next, "deletionTimestamp") is not null && ObjectMetadata.Finalizers(next).Count == 0 && !IsGracefulPod(resource, next))
        {
            return Result(resource, name, await store.DeleteAsync(resource, ns, name, precondition));
        }
        return Result(resource, name, await store.UpdateAsync(resource, ns, name, next, precondition));
    }

    /// <summary>
    /// Deletes, or marks for deletion when finalizers or a graceful pod termination must run first. Without a
    /// resourceVersion precondition from the caller, a concurrent write (a controller's status update) is not the
    /// caller's conflict: the delete is worked out again on the fresh object, as kube's GuaranteedUpdate does.
    /// </summary>
    public async Task<(byte[] Json, bool Deleted)> DeleteAsync(
        ResourceDescriptor resource, string? ns, string name, StoredObject current, DeleteRequest request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, deleted) = await DeleteOnceAsync(resource, ns, name, current, request);
            if (outcome.Status != WriteStatus.Conflict || request.ResourceVersion is not null || attempt == MaxDeleteAttempts)
            {
                return (Result(resource, name, outcome), deleted);
            }
            // The other write may still be committing (the cache shows it once durable).
            await Task.Delay(ConflictBackoff(attempt), clock);
            current = store.Get(resource, ns, name) ?? throw ApiException.NotFound(resource.Group, resource.Plural, name);
        }
    }

    private const int MaxDeleteAttempts = 16;

    /// <summary>
    /// How long a write retried past a concurrent one waits before reading the object again: 1, 2, 4 .. 50 ms. Every
    /// retry of that kind (patches, unconditional PUTs, deletes) waits by it.
    /// </summary>
    public static TimeSpan ConflictBackoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(50, 1 << Math.Min(attempt - 1, 6)));

    private async Task<(WriteOutcome Outcome, bool Deleted)> DeleteOnceAsync(
        ResourceDescriptor resource, string? ns, string name, StoredObject current, DeleteRequest request)
    {
        var obj = Parse(current);
        if (request.Uid is { } uid && uid != current.Summary.Uid)
        {
            throw ApiException.Conflict(resource.Group, resource.Plural, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Summary.Uid}");
        }
        if (request.ResourceVersion is { } rv && rv != current.Revision)
        {
            throw ApiException.Conflict(resource.Group, resource.Plural, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.Revision}");
        }
        var metadata = ObjectMetadata.Metadata(obj);
        var finalizers = ObjectMetadata.Finalizers(obj).ToList();
        var policyFinalizer = request.PropagationPolicy switch
        {
            "Orphan" => "orphan",
            "Foreground" => "foregroundDeletion",
            _ => null,
        };
        if (policyFinalizer is not null && !finalizers.Contains(policyFinalizer))
        {
            finalizers.Add(policyFinalizer);
        }
        var now = clock.GetUtcNow();
        var grace = GracePeriod(resource, obj, request.GracePeriodSeconds);
        var isNamespace = resource == _namespaces;
        if (finalizers.Count == 0 && grace == 0 && !isNamespace)
        {
            if (request.DryRun)
            {
                return (Dry(current.Json), true);
            }
            return (await store.DeleteAsync(resource, ns, name, new WritePrecondition(current.Revision)), true);
        }
        if (metadata["deletionTimestamp"] is null || (grace >= 0 && grace < (metadata["deletionGracePeriodSeconds"]?.GetValue<long>() ?? long.MaxValue)))
        {
            metadata["deletionTimestamp"] ??= ObjectMetadata.Timestamp(now.AddSeconds(Math.Max(grace, 0)));
            if (grace > 0 || resource.Kind == "Pod")
            {
                metadata["deletionGracePeriodSeconds"] = Math.Max(grace, 0);
            }
        }
        metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]);
        if (finalizers.Count == 0)
        {
            metadata.Remove("finalizers");
        }
        if (isNamespace)
        {
            var status = obj["status"] as JsonObject ?? new JsonObject();
            status["phase"] = "Terminating";
            obj["status"] = status;
        }
        if (resource.HasSpec && metadata["generation"] is not null)
        {
            metadata["generation"] = ObjectMetadata.Generation(obj) + 1;
        }
        if (request.DryRun)
        {
            return (Dry(Bytes(obj)), false);
        }
        return (await store.UpdateAsync(resource, ns, name, obj, new WritePrecondition(current.Revision)), false);
    }

    private static WriteOutcome Dry(byte[] json) => new(WriteStatus.Ok, 0, json, null);

    private void PrepareCreate(ResourceDescriptor resource, string? ns, JsonObject obj, JsonObject metadata)
    {
        var bodyNamespace = metadata["namespace"]?.ToString();
        if (resource.Namespaced)
        {
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            {
                throw ApiException.BadRequest(
                    $"the namespace of the provided object ({bodyNamespace}) does not match the namespace sent on the request ({ns})");
            }
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }
        if (!string.IsNullOrEmpty(ObjectMetadata.String(obj, "resourceVersion")))
        {
            throw ApiException.BadRequest("resourceVersion should not be set on objects to be created; remove metadata.resourceVersion");
        }
        if (string.IsNullOrEmpty(ObjectMetadata.String(obj, "name")))
        {
            var prefix = ObjectMetadata.String(obj, "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiException.Invalid(resource.Group, resource.Kind, "", $"{KindName(resource)} \"\" is invalid: metadata.name: Required value: name or generateName is required",
                    [new V1StatusCause { Reason = "FieldValueRequired", Field = "metadata.name", Message = "Required value: name or generateName is required" }]);
            }
            metadata["name"] = ObjectMetadata.GenerateName(prefix);
        }
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
        metadata.Remove("deletionTimestamp");
        metadata.Remove("deletionGracePeriodSeconds");
        metadata.Remove("selfLink");
        if (resource.HasSpec)
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }
    }

    private void RequireLiveNamespace(string ns)
    {
        var found = store.Get(_namespaces, null, ns);
        if (found is null)
        {
            throw ApiException.NotFound("", "namespaces", ns);
        }
        if (found.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) >= 0)
        {
            throw new ApiException(403, "Forbidden",
                $"unable to create new content in namespace {ns} because it is being terminated",
                new V1StatusDetails { Name = ns, Kind = "namespaces" });
        }
    }

    private void ResolvePriority(ResourceDescriptor resource, JsonObject obj)
    {
        if (resource.Kind != "Pod" || resource.Group.Length != 0)
        {
            return;
        }
        var classes = store.Cache.List(_priorityClasses.StorageKey, null, _ => true).Items.Select(PriorityClassOf).ToList();
        var globalDefault = classes.Where(pc => pc.GlobalDefault).Select(pc => pc.Info).FirstOrDefault();
        var cause = PriorityResolver.Resolve(obj, name => classes.Where(pc => pc.Info.Name == name).Select(pc => pc.Info).FirstOrDefault(), globalDefault);
        if (cause is not null)
        {
            var name = ObjectMetadata.String(obj, "name") ?? "";
            throw new ApiException(403, "Forbidden", $"pods \"{name}\" is forbidden: {cause.Message}",
                new V1StatusDetails { Name = name, Kind = "pods", Causes = [cause] });
        }
    }

    private void AssignServiceIp(ResourceDescriptor resource, JsonObject obj)
    {
        if (resource.Kind == "Service" && resource.Group.Length == 0)
        {
            serviceIps.Assign(obj);
        }
    }

    /// <summary>A PriorityClass as admission needs it, parsed once per stored revision rather than once per pod.</summary>
    private (PriorityClassInfo Info, bool GlobalDefault) PriorityClassOf(StoredObject stored)
    {
        lock (_priorityClassMemo)
        {
            if (_priorityClassMemo.TryGetValue(stored.Key.Name, out var memo) && memo.Revision == stored.Revision)
            {
                return memo.Value;
            }
            var pc = Parse(stored);
            var value = (new PriorityClassInfo(stored.Key.Name, pc["value"]?.GetValue<int>() ?? 0, pc["preemptionPolicy"]?.ToString()),
                pc["globalDefault"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);
            _priorityClassMemo[stored.Key.Name] = (stored.Revision, value);
            return value;
        }
    }

    private static JsonObject Carry(ResourceDescriptor resource, JsonObject old, JsonObject updated)
    {
        var metadata = ObjectMetadata.Metadata(updated);
        var oldMetadata = ObjectMetadata.Metadata(old);
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name", "generation" })
        {
            metadata.Remove(field);
            if (oldMetadata[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }
        metadata.Remove("resourceVersion");
        if (resource.Subresources.Any(s => s.Name == "status"))
        {
            updated.Remove("status");
            if (old["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
        }
        if (resource.HasSpec && oldMetadata["generation"] is not null && !JsonNode.DeepEquals(old["spec"], updated["spec"]))
        {
            metadata["generation"] = ObjectMetadata.Generation(old) + 1;
        }
        return updated;
    }

    private static JsonObject WithStatus(JsonObject old, JsonObject updated)
    {
        var next = (JsonObject)old.DeepClone();
        next.Remove("status");
        if (updated["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }
        return next;
    }

    private static long GracePeriod(ResourceDescriptor resource, JsonObject obj, long? requested)
    {
        if (resource.Kind != "Pod" || resource.Group.Length != 0)
        {
            return 0;
        }
        // An unscheduled pod has no kubelet to stop it, so Kubernetes deletes it at once.
        if (string.IsNullOrEmpty((obj["spec"] as JsonObject)?["nodeName"]?.ToString()))
        {
            return 0;
        }
        var phase = (obj["status"] as JsonObject)?["phase"]?.ToString();
        if (phase is "Succeeded" or "Failed")
        {
            return 0;
        }
        return requested ?? (obj["spec"] as JsonObject)?["terminationGracePeriodSeconds"]?.GetValue<long>() ?? 30;
    }

    private static bool IsGracefulPod(ResourceDescriptor resource, JsonObject obj) =>
        resource.Kind == "Pod" && resource.Group.Length == 0 && (ObjectMetadata.Metadata(obj)["deletionGracePeriodSeconds"]?.GetValue<long>() ?? 0) > 0;

    private static void ThrowIfInvalid(ResourceDescriptor resource, string name, IReadOnlyList<V1StatusCause> causes)
    {
        if (causes.Count > 0)
        {
            throw ApiException.Invalid(resource.Group, resource.Kind, name, Validator.InvalidMessage(resource, name, causes), [.. causes]);
        }
    }

    private static string KindName(ResourceDescriptor resource) =>
        resource.Group.Length == 0 ? resource.Kind : $"{resource.Kind}.{resource.Group}";

    private static byte[] Bytes(JsonObject obj) => System.Text.Encoding.UTF8.GetBytes(obj.ToJsonString());

    private static byte[] Result(ResourceDescriptor resource, string name, WriteOutcome outcome) => outcome.Status switch
    {
        WriteStatus.Ok => outcome.Json!,
        WriteStatus.AlreadyExists => throw ApiException.AlreadyExists(resource.Group, resource.Plural, name),
        WriteStatus.NotFound => throw ApiException.NotFound(resource.Group, resource.Plural, name),
        _ => throw ApiException.Conflict(resource.Group, resource.Plural, name, outcome.Message ?? "conflict"),
    };

    internal static JsonObject Parse(StoredObject stored) => JsonNode.Parse(stored.Json)!.AsObject();
}
