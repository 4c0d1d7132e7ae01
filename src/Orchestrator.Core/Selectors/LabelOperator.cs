namespace Orchestrator.Core.Selectors;

/// <summary>The operators of apimachinery's selection package, as label requirements use them.</summary>
internal enum LabelOperator
{
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
