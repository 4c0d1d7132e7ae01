using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Hosting;

/// <summary>Asks the kernel for an unused loopback port, so several clusters can run side by side.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
