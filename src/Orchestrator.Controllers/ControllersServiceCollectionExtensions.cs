using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Controllers.Deployments;
using Orchestrator.Controllers.Disruption;
using Orchestrator.Controllers.GarbageCollection;
using Orchestrator.Controllers.NodeLifecycle;
using Orchestrator.Controllers.PodGarbageCollection;
using Orchestrator.Controllers.ReplicaSets;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Storage;

namespace Orchestrator.Controllers;

/// <summary>Registers the built-in controllers that run inside the silo (kube-controller-manager's role).</summary>
public static class ControllersServiceCollectionExtensions
{
    /// <summary>The controllers <c>orchestrator up --controllers</c> knows, in the order they start.</summary>
    public static IReadOnlyList<string> Names { get; } = ["replicaset", "deployment", "garbagecollector", "nodelifecycle", "taint-eviction-controller", "disruption", "podgc"];

    /// <summary>Adds the built-in controllers that <paramref name="selection"/> enables.</summary>
    public static IServiceCollection AddBuiltInControllers(this IServiceCollection services, ControllerSelection selection, ControllerOptions? options = null)
    {
        services.AddControllerRuntime(options);
        services.AddController<ReplicaSetController>(selection, "replicaset");
        services.AddController<DeploymentController>(selection, "deployment");
        services.AddController<GarbageCollector>(selection, "garbagecollector");
        services.TryAddSingleton(new NodeLifecycleOptions());
        services.AddController<NodeLifecycleController>(selection, "nodelifecycle");
        services.AddController<TaintEvictionController>(selection, "taint-eviction-controller");
        services.AddController<DisruptionController>(selection, "disruption");
        services.TryAddSingleton(new PodGcOptions());
        services.AddController<PodGarbageCollector>(selection, "podgc");
        return services;
    }

    /// <summary>The shared plumbing every controller uses: options, the in-process client and the event recorder.</summary>
    public static IServiceCollection AddControllerRuntime(this IServiceCollection services, ControllerOptions? options = null)
    {
        services.TryAddSingleton(options ?? new ControllerOptions());
        services.TryAddSingleton<InProcessClient>();
        services.TryAddSingleton<EventRecorder>();
        return services;
    }

    /// <summary>Runs <typeparamref name="TController"/> in its own <see cref="ControllerLoop"/> if <paramref name="selection"/> enables <paramref name="name"/>.</summary>
    public static IServiceCollection AddController<TController>(this IServiceCollection services, ControllerSelection selection, string name)
        where TController : class, IController
    {
        if (!selection.IsEnabled(name))
        {
            return services;
        }
        services.AddControllerRuntime();
        services.TryAddSingleton<TController>();
        services.AddSingleton<IHostedService>(sp => new ControllerLoop(
            sp.GetRequiredService<TController>(),
            sp.GetRequiredService<ObjectCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerOptions>(),
            sp.GetRequiredService<ILogger<ControllerLoop>>()));
        return services;
    }
}
