using System.Globalization;
using System.Text;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Selectors;

/// <summary>One requirement of a label selector: a key, an operator and a sorted set of values.</summary>
internal sealed class LabelRequirement
{
    private readonly string[] _values;

    private LabelRequirement(string key, LabelOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
    }

    public string Key { get; }

    public LabelOperator Operator { get; }

    public IReadOnlyList<string> Values => _values;

    /// <summary>
    /// Mirrors labels.NewRequirement: validates the key, the number of values for the operator and every value,
    /// and reports all problems at once.
    /// </summary>
    public static LabelRequirement Create(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        var errors = new List<string>();
        var keyErrors = Names.IsQualifiedName(key);
        if (keyErrors.Count != 0)
        {
            errors.Add(GoFormat.Invalid("key", key, string.Join("; ", keyErrors)));
        }

        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when values.Count == 0:
                errors.Add(GoFormat.Invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when values.Count != 1:
                errors.Add(GoFormat.Invalid("values", values, "exact-match compatibility requires one single value"));
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist when values.Count != 0:
                errors.Add(GoFormat.Invalid("values", values, "values set must be empty for exists and does not exist"));
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add(GoFormat.Invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
                }

                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInt64(values[i], out _))
                    {
                        errors.Add(GoFormat.Invalid($"values[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }

                break;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = Names.IsLabelValue(values[i]);
            if (valueErrors.Count != 0)
            {
                errors.Add(GoFormat.Invalid($"values[{i}][{key}]", values[i], string.Join("; ", valueErrors)));
            }
        }

        if (errors.Count != 0)
        {
            throw new SelectorException(GoFormat.Aggregate(errors));
        }

        return new LabelRequirement(key, op, [.. values]);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var found = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return found && HasValue(value!);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !found || !HasValue(value!);
            case LabelOperator.Exists:
                return found;
            case LabelOperator.DoesNotExist:
                return !found;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (!found || _values.Length != 1 || !TryParseInt64(value!, out var actual) || !TryParseInt64(_values[0], out var bound))
                {
                    return false;
                }

                return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The canonical text, as Requirement.String() writes it (values sorted).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == LabelOperator.DoesNotExist)
        {
            sb.Append('!');
        }

        sb.Append(Key);
        if (Operator is LabelOperator.Exists or LabelOperator.DoesNotExist)
        {
            return sb.ToString();
        }

        var setBased = Operator is LabelOperator.In or LabelOperator.NotIn;
        sb.Append(Operator switch
        {
            LabelOperator.Equals => "=",
            LabelOperator.DoubleEquals => "==",
            LabelOperator.NotEquals => "!=",
            LabelOperator.In => " in (",
            LabelOperator.NotIn => " notin (",
            LabelOperator.GreaterThan => ">",
            _ => "<",
        });
        sb.AppendJoin(',', _values.Order(StringComparer.Ordinal));
        return setBased ? sb.Append(')').ToString() : sb.ToString();
    }

    // strconv.ParseInt(s, 10, 64): an optional sign and decimal digits, nothing else.
    private static bool TryParseInt64(string s, out long result) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    private bool HasValue(string value) => Array.IndexOf(_values, value) >= 0;
}
