using System.Globalization;
using System.Text;

namespace Orchestrator.OpenApi;

public static partial class StrictDecoder
{
    /// <summary>The steps from the root to the value being checked, and the problems found so far.</summary>
    private sealed class Trail
    {
        private readonly List<Segment> _steps = [];
        private List<FieldProblem>? _problems;

        public IReadOnlyList<FieldProblem> Problems => _problems is null ? [] : _problems;

        public void Push(Segment step) => _steps.Add(step);

        public void Pop() => _steps.RemoveAt(_steps.Count - 1);

        public void Report(FieldProblem problem) => (_problems ??= []).Add(problem);

        /// <summary>The path as Kubernetes prints it (<c>spec.containers[0].image</c>), with field <paramref name="field"/> after it if given.</summary>
        public string Path(string? field = null)
        {
            var path = new StringBuilder();
            foreach (var step in _steps)
            {
                Append(path, step);
            }
            if (field is not null)
            {
                Append(path, Segment.Field(field, typeof(object)));
            }
            return path.ToString();
        }

        /// <summary>Go's name of the struct field holding the value, e.g. <c>("Container", "spec.template.spec.containers.image")</c>.</summary>
        public (string GoStruct, string GoPath) GoField()
        {
            var goPath = new StringBuilder();
            Type? goStruct = null;
            foreach (var step in _steps)
            {
                if (step.Struct is { } owner)
                {
                    goPath.Append(goPath.Length == 0 ? "" : ".").Append(step.Name);
                    goStruct = owner;
                }
            }
            return (goStruct is null ? "" : ModelTypes.ShortName(goStruct), goPath.ToString());
        }

        private static void Append(StringBuilder path, Segment step)
        {
            if (step.Name is null)
            {
                path.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (step.Struct is not null && path.Length == 0)
            {
                path.Append(step.Name);
            }
            else
            {
                path.Append('.').Append(step.Name);
            }
        }
    }

    /// <summary>One step of a path: a struct field (with the struct that declares it), a map entry, or a list index.</summary>
    private readonly record struct Segment(string? Name, int Index, Type? Struct)
    {
        public static Segment Field(string name, Type owner) => new(name, 0, owner);

        public static Segment Entry(string key) => new(key, 0, null);

        public static Segment Item(int index) => new(null, index, null);
    }
}
