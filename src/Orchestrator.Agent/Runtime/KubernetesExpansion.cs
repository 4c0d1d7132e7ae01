using System.Text;

namespace Orchestrator.Agent.Runtime;

/// <summary>Kubernetes' <c>$(VAR)</c> expansion of env values, command and args.</summary>
/// <remarks>
/// A port of third_party/forked/golang/expansion in Kubernetes, kept rule for rule so a pod behaves here as it does
/// under a kubelet: <c>$(NAME)</c> becomes NAME's value, <c>$$</c> becomes <c>$</c> (so <c>$$(NAME)</c> is the literal
/// <c>$(NAME)</c>), an undefined or unterminated reference stays as written, and any other <c>$</c> is kept.
/// </remarks>
public static class KubernetesExpansion
{
    private const char Operator = '$';
    private const char Opener = '(';
    private const char Closer = ')';

    public static string Expand(string input, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(lookup);
        var output = new StringBuilder(input.Length);
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != Operator || cursor + 1 >= input.Length)
            {
                continue;
            }
            output.Append(input, checkpoint, cursor - checkpoint);
            var (read, isVariable, advance) = ReadVariableName(input, cursor + 1);
            output.Append(isVariable ? lookup(read) ?? $"{Operator}{Opener}{read}{Closer}" : read);
            cursor += advance;
            checkpoint = cursor + 1;
        }
        return output.Append(input, checkpoint, input.Length - checkpoint).ToString();
    }

    private static (string Read, bool IsVariable, int Advance) ReadVariableName(string input, int start)
    {
        switch (input[start])
        {
            case Operator:
                return (Operator.ToString(), false, 1);
            case Opener:
                var closer = input.IndexOf(Closer, start + 1);
                return closer < 0
                    ? ($"{Operator}{Opener}", false, 1)
                    : (input[(start + 1)..closer], true, closer - start + 1);
            default:
                return ($"{Operator}{input[start]}", false, 1);
        }
    }
}
