using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class ContainerNamesTests
{
    private const string Uid = "0b6f9c2e-5d1a-4c3b-9e8f-7a6b5c4d3e2f";

    [Theory]
    [InlineData(false, 0, 0, "o-" + Uid + "-c0-0")]
    [InlineData(false, 2, 17, "o-" + Uid + "-c2-17")]
    [InlineData(true, 0, 3, "o-" + Uid + "-i0-3")]
    public void An_id_names_the_pod_the_container_and_the_attempt_and_parses_back(bool init, int index, int restarts, string expected)
    {
        var id = ContainerNames.Id(Uid, init, index, restarts);

        Assert.Equal(expected, id);
        Assert.Equal(new ContainerIdParts(Uid, init, index, restarts), ContainerNames.Parse(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t-0123456789abcdef")]           // another prefix: ContainerBed's test containers
    [InlineData("o-" + Uid + "-x0-0")]           // neither c nor i
    [InlineData("o-" + Uid + "-c01-0")]          // a leading zero: ids have one spelling
    [InlineData("o-" + Uid + "-c0-")]            // no restart count
    [InlineData("o--c0-0")]                      // no uid
    [InlineData("o-" + Uid + "-c0-99999999999")] // past int
    public void Other_ids_do_not_parse(string? id) => Assert.Null(ContainerNames.Parse(id));

    [Fact]
    public void A_uid_runc_would_refuse_in_an_id_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ContainerNames.Id("a/b", init: false, 0, 0));
    }

    [Theory]
    [InlineData("runc://o-x-c0-0", "o-x-c0-0")]
    [InlineData("process://p", "p")]
    [InlineData("runc://", null)]
    [InlineData("o-x-c0-0", null)]
    [InlineData(null, null)]
    public void A_status_containerID_yields_the_runtime_id(string? statusId, string? expected)
    {
        Assert.Equal(expected, ContainerNames.FromStatusId(statusId));
    }

    [Fact]
    public void The_status_id_is_the_runtime_name_as_scheme()
    {
        Assert.Equal("crun://o-x-c0-0", ContainerNames.StatusId("crun", "o-x-c0-0"));
    }
}
