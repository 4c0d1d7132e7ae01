using System.Text.Json.Nodes;
using Orchestrator.Apply.Fields;
using Orchestrator.Apply.Managed;
using Orchestrator.Apply.Schema;

namespace Orchestrator.Apply;

/// <summary>Server-side apply and field ownership (<c>metadata.managedFields</c>), after structured-merge-diff's Updater.</summary>
public static class ServerSideApply
{
    /// <summary>The manager Kubernetes gives every field of an object that had no managed fields when it was first applied to.</summary>
    public const string BeforeFirstApply = "before-first-apply";

    /// <summary>
    /// Applies <paramref name="applied"/> (the user's partial intent) as <paramref name="manager"/>; a null
    /// <paramref name="live"/> means create. Returns the merged object with managed fields, or the conflicts.
    /// </summary>
    public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, Type modelType, DateTimeOffset now, string apiVersion)
    {
        var schema = ModelSchema.Root(modelType);
        var before = ManagedFieldsCodec.Without(live);
        var config = ManagedFieldsCodec.Without(applied);
        var entries = ManagedFieldsCodec.Decode(live);
        var adopted = live is not null && entries.Count == 0;
        if (adopted)
        {
            entries.Add(new ManagerEntry
            {
                Manager = BeforeFirstApply,
                Operation = ManagerEntry.UpdateOperation,
                ApiVersion = apiVersion,
                Time = ManagerEntry.FormatTime(now),
                Fields = FieldSets.Compare(new JsonObject(), before, schema).Changed,
            });
        }

        var mine = entries.FirstOrDefault(e => e.Is(manager, ManagerEntry.ApplyOperation, apiVersion));
        var others = entries.Where(e => e != mine).ToList();
        var applySet = FieldSets.Of(config, schema);
        var merged = (JsonObject)ObjectMerger.Merge(before, config, schema)!;
        if (mine is not null)
        {
            var owned = others.Aggregate(applySet, (all, e) => all.Union(e.Fields));
            ObjectMerger.Prune(merged, mine.Fields, owned, schema);
        }

        var comparison = FieldSets.Compare(before, merged, schema);
        var changed = comparison.Changed;
        var taken = others.Select(e => (Entry: e, Fields: e.Fields.Intersection(changed))).Where(c => !c.Fields.IsEmpty).ToList();
        if (taken.Count > 0 && !force)
        {
            var conflicts = taken.SelectMany(c => c.Fields.Paths().Select(c.Entry.ConflictAt)).ToList();
            return new ApplyResult(null, conflicts);
        }

        var unchanged = !adopted && mine is not null && JsonNode.DeepEquals(before, merged)
            && mine.ApiVersion == apiVersion && mine.Fields.ToJsonString() == applySet.ToJsonString();
        if (unchanged)
        {
            // A no-op apply leaves the object, timestamps included, as it was (IgnoreManagedFieldsTimestampsTransformer).
            return new ApplyResult((JsonObject)live!.DeepClone(), []);
        }

        foreach (var (entry, fields) in taken)
        {
            entry.Fields = entry.Fields.Difference(fields);
        }
        foreach (var entry in others)
        {
            entry.Fields = entry.Fields.Difference(comparison.Removed);
        }
        others.Add(new ManagerEntry
        {
            Manager = manager,
            Operation = ManagerEntry.ApplyOperation,
            ApiVersion = apiVersion,
            Time = ManagerEntry.FormatTime(now),
            Fields = applySet,
        });
        ManagedFieldsCodec.Write(merged, ManagedFieldsCodec.Encode(others));
        return new ApplyResult(merged, []);
    }

    /// <summary>
    /// Records ownership for a create, update or patch by <paramref name="manager"/> (operation <c>Update</c>): fields changed
    /// between <paramref name="old"/> and <paramref name="updated"/> become the manager's and leave every other set.
    /// Returns <paramref name="updated"/> itself with its managed fields written (no copy is made: callers hand the object
    /// over); <paramref name="old"/> is left as it was.
    /// </summary>
    public static JsonObject TrackUpdate(JsonObject? old, JsonObject updated, string manager, Type modelType, DateTimeOffset now, string apiVersion)
    {
        var schema = ModelSchema.Root(modelType);
        // No copies without managedFields are needed: field sets never track metadata.managedFields.
        var comparison = FieldSets.Compare(old, updated, schema);
        // A writer that sends managed fields of its own replaces them (that is how they are reset); otherwise the stored ones carry on.
        var entries = ManagedFieldsCodec.Decode(updated);
        if (entries.Count == 0)
        {
            entries = ManagedFieldsCodec.Decode(old);
        }

        // The entries are freshly decoded and the comparison is this call's own, so both are changed in place.
        var changed = comparison.Added;
        changed.UnionWith(comparison.Modified);
        foreach (var entry in entries)
        {
            // A status write leaves the creator's spec entry alone: it is neither decoded nor encoded again.
            if (entry.MayOwnAnyOf(changed) || entry.MayOwnAnyOf(comparison.Removed))
            {
                entry.Fields.ExceptWith(changed);
                entry.Fields.ExceptWith(comparison.Removed);
            }
        }
        if (!changed.IsEmpty)
        {
            var mine = entries.FirstOrDefault(e => e.Is(manager, ManagerEntry.UpdateOperation, apiVersion));
            if (mine is null)
            {
                entries.Add(new ManagerEntry { Manager = manager, Operation = ManagerEntry.UpdateOperation, ApiVersion = apiVersion, Fields = changed });
                mine = entries[^1];
            }
            else
            {
                mine.Fields.UnionWith(changed);
            }
            mine.Time = ManagerEntry.FormatTime(now);
        }

        ManagedFieldsCodec.Write(updated, ManagedFieldsCodec.Encode(entries));
        return updated;
    }
}
