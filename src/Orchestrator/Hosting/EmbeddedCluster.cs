using System.Diagnostics;
using System.Net;
using Orchestrator.Admission;
using Orchestrator.Api;
using Orchestrator.Api.Controllers;
using Orchestrator.Controllers;
using Orchestrator.Grains.Objects;
using Orchestrator.Scheduler;
using Orchestrator.Storage;

namespace Orchestrator.Hosting;

/// <summary>
/// <c>orchestrator up</c>: loads the store, then runs one silo (localhost clustering) and the API server in one
/// process, and writes the kubeconfig. SIGINT/SIGTERM stop the server first and drain the log last.
/// </summary>
public static class EmbeddedCluster
{
    public static async Task<int> RunAsync(EmbeddedClusterOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDir);
        var started = Stopwatch.StartNew();
        // Pods are indexed by node: the node grains and agents ask for "the pods on node X" on every binding.
        var log = ObjectLog.Open(new SqliteObjectLogBackend(Path.Combine(options.DataDir, "objects.db")), ObjectSummarizer.Summarize,
            new ObjectCacheOptions(IndexedFields: new Dictionary<string, string> { ["/pods"] = "spec.nodeName" }));
        Console.Error.WriteLine($"orchestrator: loaded the store from {options.DataDir} at resourceVersion {log.Cache.Revision} in {started.Elapsed.TotalSeconds:F2}s");

        var port = options.Port == 0 ? FreePort.Next() : options.Port;
        if (!FreePort.IsFree(port))
        {
            Console.Error.WriteLine($"orchestrator: port {port} on 127.0.0.1 is already in use (another `orchestrator up`?); stop it, or pass --port N (--port 0 picks a free one)");
            await log.DisposeAsync();
            return 1;
        }
        var token = Kubeconfig.LoadOrCreateToken(options.DataDir);
        var certificate = ServingCertificate.LoadOrCreate(options.DataDir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orchestrator", LogLevel.Information);
        // Orleans warns at every start that the embedded silo runs without server GC: by design on a shared machine.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        // Its first check after start reports the time since boot as a stall (seen: "not completed for 01:15:46").
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate));
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Host.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "orchestrator", clusterId: "embedded");
        });
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(AdmissionOptions.Default with { DefaultTolerationSeconds = options.DefaultTolerationSeconds });
        builder.Services.AddKubernetesApi(new ApiServerOptions(token, $"127.0.0.1:{port}")
        {
            // A tuning knob, and how the tests see bookmarks without waiting the default 15 s.
            BookmarkInterval = int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_WATCH_BOOKMARK_SECONDS"), out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(15),
        });
        builder.Services.AddHostedService<Bootstrap>();
        builder.Services.AddHostedService<NamespaceFinalizer>();
        builder.Services.AddScheduler(options.Schedulers);
        builder.Services.AddSingleton(options.NodeLifecycle);
        builder.Services.AddSingleton(options.PodGc);
        builder.Services.AddBuiltInControllers(options.Controllers);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(15));

        var app = builder.Build();
        try
        {
            await ServeAsync(app, options, port, token, certificate, started, cancellationToken);
        }
        finally
        {
            // The log is shared by instance, so the container does not own it: drain and close it after the
            // silo and the API server have stopped sending writes.
            await app.DisposeAsync();
            await log.DisposeAsync();
        }
        Console.Error.WriteLine("orchestrator: stopped; every acknowledged write is on disk");
        return 0;
    }

    private static async Task ServeAsync(WebApplication app, EmbeddedClusterOptions options, int port, string token,
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, Stopwatch started, CancellationToken cancellationToken)
    {
        app.MapKubernetesApi();
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);

        var kubeconfig = Kubeconfig.Write(options.DataDir, $"https://127.0.0.1:{port}", token, ServingCertificate.Pem(certificate));
        Console.Error.WriteLine($"orchestrator: API server on https://127.0.0.1:{port}, ready in {started.Elapsed.TotalSeconds:F2}s");
        Console.WriteLine($"export KUBECONFIG={kubeconfig}");
        await using var simulator = EmbeddedSimulator.Start(options.SimulatedNodes, kubeconfig, app.Lifetime.ApplicationStopping);
        await using var agent = EmbeddedAgent.Start(options.Agent, options.DataDir, kubeconfig, app.Lifetime.ApplicationStopping);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
