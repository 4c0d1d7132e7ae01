using Orchestrator.Agent.Node;

namespace Orchestrator.Agent.Tests.Node;

public sealed class RuntimeVersionTests
{
    [Theory]
    [InlineData("runc", "runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\n", "runc://1.1.5+ds1")]
    [InlineData("crun", "crun version 1.8.1\ncommit: f8a096be\n", "crun://1.8.1")]
    [InlineData("runc", "", "runc://unknown")]
    public void The_version_is_the_first_line_of_version_output(string name, string output, string expected)
    {
        Assert.Equal(expected, RuntimeVersion.Parse(name, output));
    }

    [Fact]
    public async Task The_process_runtime_says_it_does_not_isolate()
    {
        Assert.Equal("process://no-isolation", await RuntimeVersion.DetectAsync("process", CancellationToken.None));
    }

    [Fact]
    public async Task The_installed_runc_is_asked()
    {
        Assert.Matches("^runc://[0-9]", await RuntimeVersion.DetectAsync("runc", CancellationToken.None));
    }
}
