using System.Text.Json.Nodes;

namespace Orchestrator.Apply.Fields;

/// <summary>
/// A set of field paths stored as a tree, like structured-merge-diff's <c>fieldpath.Set</c>: a node is a
/// member when the path to it is in the set, and may have children whether or not it is a member.
/// </summary>
internal sealed class FieldSet
{
    private readonly Dictionary<PathElement, FieldSet> _children = [];

    private bool IsMember { get; set; }

    public bool IsEmpty => !IsMember && _children.Count == 0;

    /// <summary>A set holding only the empty path: the node it is attached at, when built bottom-up.</summary>
    public static FieldSet Self() => new() { IsMember = true };

    /// <summary>Whether the path of this node is a member (no path needed when walking alongside the set).</summary>
    public bool HasSelf => IsMember;

    /// <summary>The subtree under <paramref name="pe"/>, or null.</summary>
    public FieldSet? Child(PathElement pe) => _children.GetValueOrDefault(pe);

    /// <summary>Puts <paramref name="child"/> (not copied) under <paramref name="pe"/>, replacing what was there.</summary>
    public void SetChild(PathElement pe, FieldSet child) => _children[pe] = child;

    /// <summary>Makes this set the union of itself and <paramref name="other"/> (subtrees of <paramref name="other"/> are copied).</summary>
    public void UnionWith(FieldSet other) => UnionInPlace(other);

    /// <summary>Makes this set its <see cref="Difference"/> with <paramref name="other"/>, dropping subtrees left empty.</summary>
    public void ExceptWith(FieldSet other)
    {
        IsMember &= !other.IsMember;
        foreach (var (pe, otherChild) in other._children)
        {
            if (_children.TryGetValue(pe, out var child))
            {
                child.ExceptWith(otherChild);
                if (child.IsEmpty)
                {
                    _children.Remove(pe);
                }
            }
        }
    }

    /// <summary>
    /// Whether a FieldsV1 tree (the wire form) may have as a member any path this set has as a member, read without
    /// decoding it. Field names are matched by their spelling, which is exact; keyed, value and index elements are
    /// matched by spelling too, and any other element of the same kind at that level counts as a possible match,
    /// since a client-written key may be spelled differently from the canonical one. False means certainly not.
    /// </summary>
    public bool MayShareMemberWith(JsonObject? fieldsV1)
    {
        if (fieldsV1 is null || fieldsV1.Count == 0)
        {
            return false;
        }
        foreach (var (pe, child) in _children)
        {
            if (!fieldsV1.TryGetPropertyValue(pe.Text, out var node))
            {
                if (pe.Kind != PathElementKind.Field && HasKeyOfKind(fieldsV1, pe.Text.AsSpan(0, 2)))
                {
                    return true;
                }
                continue;
            }
            var theirs = node as JsonObject;
            if (child.IsMember && (theirs is null || theirs.Count == 0 || theirs.ContainsKey(".")))
            {
                return true;
            }
            if (child._children.Count > 0 && child.MayShareMemberWith(theirs))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasKeyOfKind(JsonObject fieldsV1, ReadOnlySpan<char> prefix)
    {
        foreach (var (name, _) in fieldsV1)
        {
            if (name.AsSpan().StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public void Insert(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var pe in path)
        {
            if (!node._children.TryGetValue(pe, out var child))
            {
                child = new FieldSet();
                node._children[pe] = child;
            }
            node = child;
        }
        node.IsMember = true;
    }

    public bool Contains(IReadOnlyList<PathElement> path) => Find(path) is { IsMember: true };

    /// <summary>True when the path or anything beneath it is a member.</summary>
    public bool HasAtOrUnder(IReadOnlyList<PathElement> path) => Find(path) is { IsEmpty: false };

    /// <summary>True when something strictly beneath the path is a member.</summary>
    public bool HasUnder(IReadOnlyList<PathElement> path) => Find(path) is { } node && node._children.Count > 0;

    public FieldSet Clone()
    {
        var copy = new FieldSet { IsMember = IsMember };
        foreach (var (pe, child) in _children)
        {
            copy._children[pe] = child.Clone();
        }
        return copy;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.UnionInPlace(other);
        return result;
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/> (members only, not subtrees).</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && !other.IsMember };
        foreach (var (pe, child) in _children)
        {
            var diff = other._children.TryGetValue(pe, out var otherChild) ? child.Difference(otherChild) : child.Clone();
            if (!diff.IsEmpty)
            {
                result._children[pe] = diff;
            }
        }
        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { IsMember = IsMember && other.IsMember };
        foreach (var (pe, child) in _children)
        {
            if (other._children.TryGetValue(pe, out var otherChild))
            {
                var both = child.Intersection(otherChild);
                if (!both.IsEmpty)
                {
                    result._children[pe] = both;
                }
            }
        }
        return result;
    }

    /// <summary>The members in structured-merge-diff's iteration order: a level's members first, then each child's.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths()
    {
        var sorted = _children.Keys.Order().ToList();
        foreach (var pe in sorted.Where(pe => _children[pe].IsMember))
        {
            yield return [pe];
        }
        foreach (var pe in sorted)
        {
            foreach (var rest in _children[pe].Paths().Where(p => p.Count > 0))
            {
                yield return [pe, .. rest];
            }
        }
    }

    /// <summary>The FieldsV1 wire form: <c>{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}</c>.</summary>
    public JsonObject ToFieldsV1() => ToFieldsV1(false);

    public static FieldSet FromFieldsV1(JsonObject? fieldsV1)
    {
        var set = new FieldSet();
        if (fieldsV1 is not null)
        {
            set.ReadFieldsV1(fieldsV1);
        }
        return set;
    }

    public string ToJsonString() => ToFieldsV1().ToJsonString();

    private JsonObject ToFieldsV1(bool withSelf)
    {
        var json = withSelf ? new JsonObject { ["."] = new JsonObject() } : new JsonObject();
        if (_children.Count == 0)
        {
            return json;
        }
        foreach (var pe in SortedKeys())
        {
            var child = _children[pe];
            json[pe.Text] = child.ToFieldsV1(child.IsMember && child._children.Count > 0);
        }
        return json;
    }

    // Small levels by insertion sort, as stable as Order() (elements that compare equal keep insertion order) but cheaper.
    private PathElement[] SortedKeys()
    {
        if (_children.Count > 16)
        {
            return [.. _children.Keys.Order()];
        }
        var elements = new PathElement[_children.Count];
        _children.Keys.CopyTo(elements, 0);
        for (var i = 1; i < elements.Length; i++)
        {
            var pe = elements[i];
            var j = i;
            while (j > 0 && elements[j - 1].CompareTo(pe) > 0)
            {
                elements[j] = elements[j - 1];
                j--;
            }
            elements[j] = pe;
        }
        return elements;
    }

    private void ReadFieldsV1(JsonObject json)
    {
        foreach (var (name, value) in json)
        {
            if (name == ".")
            {
                IsMember = true;
                continue;
            }
            var child = new FieldSet();
            var inner = value as JsonObject;
            if (inner is null || inner.Count == 0)
            {
                child.IsMember = true;
            }
            else
            {
                child.ReadFieldsV1(inner);
            }
            _children[PathElement.Parse(name)] = child;
        }
    }

    private void UnionInPlace(FieldSet other)
    {
        IsMember |= other.IsMember;
        foreach (var (pe, otherChild) in other._children)
        {
            if (_children.TryGetValue(pe, out var child))
            {
                child.UnionInPlace(otherChild);
            }
            else
            {
                _children[pe] = otherChild.Clone();
            }
        }
    }

    private FieldSet? Find(IReadOnlyList<PathElement> path)
    {
        var node = this;
        foreach (var pe in path)
        {
            if (!node._children.TryGetValue(pe, out node))
            {
                return null;
            }
        }
        return node;
    }
}
