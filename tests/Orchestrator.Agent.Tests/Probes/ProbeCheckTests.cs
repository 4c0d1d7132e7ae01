using System.Net;
using System.Net.Sockets;
using k8s.Models;
using Orchestrator.Agent.Probes;
using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Probes;

public sealed class ProbeCheckTests : IDisposable
{
    private static readonly V1Container Container = new()
    {
        Name = "web",
        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
    };

    private readonly HttpClient _http = new();
    private readonly ProcessRuntime _runtime = new();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("8080", 8080)]
    [InlineData("http", 8080)]
    public void A_port_is_a_number_or_the_name_of_a_container_port(string port, int expected)
    {
        Assert.Equal(expected, ProbeCheck.Port((IntOrString)(port), Container));
    }

    [Fact]
    public void An_unknown_port_name_says_which()
    {
        var error = Assert.Throws<ArgumentException>(() => ProbeCheck.Port((IntOrString)("grpc"), Container));
        Assert.Contains("no port named grpc", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.Found, true)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    public async Task Http_get_passes_for_2xx_and_3xx(HttpStatusCode status, bool passes)
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            Assert.Equal("/healthz", context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = (int)status;
            context.Response.Close();
        });
        var probe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = (IntOrString)(port.ToString()) } };

        var (success, message) = await new ProbeCheck(_http).RunAsync(probe, Container, "c1", "127.0.0.1", _runtime, TimeSpan.FromSeconds(5), CancellationToken.None);
        await serve;

        Assert.Equal(passes, success);
        Assert.Equal(passes ? "" : "HTTP probe failed with statuscode: 500", message);
    }

    [Fact]
    public async Task Tcp_socket_passes_when_something_listens_and_fails_when_nothing_does()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = FreePort();
        var check = new ProbeCheck(_http);

        var up = await check.RunAsync(Tcp(open), Container, "c1", "127.0.0.1", _runtime, TimeSpan.FromSeconds(5), CancellationToken.None);
        var down = await check.RunAsync(Tcp(closed), Container, "c1", "127.0.0.1", _runtime, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(up.Success);
        Assert.False(down.Success);
        Assert.StartsWith($"dial tcp 127.0.0.1:{closed}:", down.Message);
    }

    [Fact]
    public async Task Exec_passes_on_exit_zero_and_reports_the_exit_code_or_the_timeout_otherwise()
    {
        await using var bed = ContainerBed.Create(_ => _runtime);
        var id = await bed.StartAsync(Testing.Pods.Named("probed"), Testing.Pods.Container("sleep", "1000"));
        var check = new ProbeCheck(_http);

        var pass = await check.RunAsync(Exec("true"), Container, id, "127.0.0.1", _runtime, TimeSpan.FromSeconds(5), CancellationToken.None);
        var fail = await check.RunAsync(Exec("sh", "-c", "exit 4"), Container, id, "127.0.0.1", _runtime, TimeSpan.FromSeconds(5), CancellationToken.None);
        var slow = await check.RunAsync(Exec("sleep", "10"), Container, id, "127.0.0.1", _runtime, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(pass.Success, pass.Message);
        Assert.Equal((false, "command sh -c exit 4 exited with 4: "), fail);
        Assert.Equal((false, "command timed out after 1s"), slow);
        await _runtime.KillAsync(id, ContainerSignal.Kill);
    }

    private static V1Probe Tcp(int port) => new() { TcpSocket = new V1TCPSocketAction { Port = (IntOrString)(port.ToString()) } };

    private static V1Probe Exec(params string[] command) => new() { Exec = new V1ExecAction { Command = command } };

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
