using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class EndpointsPrinterTests
{
    [Theory]
    [InlineData("{}", "<none>")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80}]}]}""", "10.0.0.1:80")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]}""", "[fd00::1]:80")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}]}]}""", "10.0.0.1,10.0.0.2")]

    // 2 addresses x 2 ports = 4 endpoints: three shown, "+ 1 more...".
    [InlineData("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]}]}""", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...")]
    public void Endpoints_list_up_to_three_addresses(string json, string expected) =>
        Assert.Equal(expected, EndpointsPrinter.Format(JsonNode.Parse(json)!.AsObject()));
}
