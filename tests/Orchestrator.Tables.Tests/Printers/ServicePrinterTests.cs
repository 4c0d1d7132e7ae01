using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class ServicePrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_cluster_ip_service_prints_its_ip_ports_and_selector()
    {
        var service = Parse("""
            {
              "metadata": {"name": "web", "creationTimestamp": "2024-01-01T11:59:55Z"},
              "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
                       "ports": [{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}],
                       "selector": {"app": "web", "tier": "fe"}}
            }
            """);

        var cells = new ServicePrinter().Print(service, Now).Cells;

        Assert.Equal(["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "5s", "app=web,tier=fe"], cells.Select(c => (string)c!));
    }

    [Fact]
    public void A_node_port_shows_port_colon_node_port()
    {
        var service = Parse("""{"spec":{"type":"NodePort","clusterIPs":["10.96.0.2"],"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]}}""");

        var cells = new ServicePrinter().Print(service, Now).Cells;

        Assert.Equal("80:30080/TCP", (string)cells[4]!);
    }

    [Theory]
    [InlineData("""{"type":"LoadBalancer"}""", "{}", "<pending>")]
    [InlineData("""{"type":"LoadBalancer"}""", """{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"},{"hostname":"lb.example.com"}]}}""", "1.2.3.4,lb.example.com")]
    [InlineData("""{"type":"LoadBalancer","externalIPs":["5.6.7.8"]}""", """{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}""", "1.2.3.4,5.6.7.8")]
    [InlineData("""{"type":"ClusterIP","externalIPs":["5.6.7.8","9.9.9.9"]}""", "{}", "5.6.7.8,9.9.9.9")]
    [InlineData("""{"type":"ExternalName","externalName":"db.example.com"}""", "{}", "db.example.com")]
    [InlineData("""{"type":"Weird"}""", "{}", "<unknown>")]
    public void External_ip_depends_on_the_service_type(string spec, string status, string expected)
    {
        var service = Parse($$"""{"spec":{{spec}},"status":{{status}}}""");

        Assert.Equal(expected, ServicePrinter.ExternalIP(service, service["spec"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void A_bare_service_gets_Kubernetes_defaults_and_none_placeholders()
    {
        var cells = new ServicePrinter().Print(Parse("""{"metadata":{"name":"s"},"spec":{}}"""), Now).Cells;

        Assert.Equal(["s", "ClusterIP", "<none>", "<none>", "<none>", "<unknown>", "<none>"], cells.Select(c => (string)c!));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
