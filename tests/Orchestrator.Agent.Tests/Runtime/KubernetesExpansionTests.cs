using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class KubernetesExpansionTests
{
    private static readonly Dictionary<string, string> Defined = new() { ["A"] = "a", ["B"] = "b", ["EMPTY"] = "" };

    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("$(A)", "a")]
    [InlineData("x$(A)y$(B)z", "xaybz")]
    [InlineData("$(EMPTY)", "")]
    // Undefined references stay exactly as written.
    [InlineData("$(UNDEFINED)", "$(UNDEFINED)")]
    [InlineData("$()", "$()")]
    // $$ is an escaped $, so $$(A) is the literal $(A), and $$$(A) is $ then a.
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$$$(A)", "$a")]
    [InlineData("$$", "$")]
    // $$ collapses to $; the third $ is last in the string and kept.
    [InlineData("$$$", "$$")]
    // A $ before anything but ( or $ is kept with what follows; a trailing $ is kept.
    [InlineData("a$b", "a$b")]
    [InlineData("${A}", "${A}")]
    [InlineData("$(A)$", "a$")]
    // An unterminated reference is literal, and scanning resumes after the $.
    [InlineData("$(A", "$(A")]
    [InlineData("$(B $$", "$(B $")]
    // A reference ends at the first ): here the name is "$(A", undefined, so all stays; and a name may hold
    // anything a shell would read as a command substitution.
    [InlineData("$($(A)", "$($(A)")]
    [InlineData("$(head -c 9 /dev/zero)", "$(head -c 9 /dev/zero)")]
    public void References_expand_as_the_kubelet_expands_them(string input, string expected)
    {
        Assert.Equal(expected, KubernetesExpansion.Expand(input, name => Defined.GetValueOrDefault(name)));
    }
}
