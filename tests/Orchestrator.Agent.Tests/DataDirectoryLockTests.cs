namespace Orchestrator.Agent.Tests;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("agent-lock-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void A_second_agent_on_the_same_data_directory_is_refused_until_the_first_lets_go()
    {
        var first = DataDirectoryLock.Acquire(_data);

        var refused = Assert.Throws<InvalidOperationException>(() => DataDirectoryLock.Acquire(_data));
        first.Dispose();
        using var second = DataDirectoryLock.Acquire(_data);

        Assert.Contains(_data, refused.Message, StringComparison.Ordinal);
    }
}
