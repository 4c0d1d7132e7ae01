using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printEndpoints: up to three ip:port pairs, then "+ N more...".</summary>
internal sealed class EndpointsPrinter : ITablePrinter
{
    private const int Maximum = 3;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Endpoints", "string", Descriptions.EndpointsSubsets),
        TableColumn.AgeColumn,
    ];

    public PrintedRow Print(JsonObject endpoints, DateTimeOffset now) =>
        PrintedRow.Of(ObjectAge.Name(endpoints), Format(endpoints), ObjectAge.Age(endpoints, now));

    internal static string Format(JsonObject endpoints)
    {
        var subsets = endpoints.Objects("subsets").ToList();
        if (subsets.Count == 0)
        {
            return "<none>";
        }

        var list = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = subset.Objects("addresses").Select(a => a.Str("ip")).ToList();
            var ports = subset.Objects("ports").ToList();
            if (ports.Count == 0)
            {
                // Headless services may have addresses and no ports.
                count += addresses.Count;
                list.AddRange(addresses.Take(Maximum - list.Count));
                continue;
            }

            foreach (var port in ports)
            {
                count += addresses.Count;
                list.AddRange(addresses.Take(Maximum - list.Count).Select(ip => JoinHostPort(ip, port.Long("port"))));
            }
        }

        var joined = string.Join(",", list);
        return count > Maximum ? $"{joined} + {count - Maximum} more..." : joined;
    }

    // Go's net.JoinHostPort brackets IPv6 literals.
    private static string JoinHostPort(string host, long port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
}
