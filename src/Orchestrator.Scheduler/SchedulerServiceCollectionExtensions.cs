using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Storage;

namespace Orchestrator.Scheduler;

/// <summary>Registers the scheduler instances that run inside the silo.</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="instances"/> scheduler loops serving the same profiles with different seeds: more than
    /// one only to prove the node grains keep racing schedulers from overcommitting a node.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, int instances, SchedulerOptions? options = null)
    {
        var configured = options ?? new SchedulerOptions();
        for (var i = 0; i < instances; i++)
        {
            var instance = configured with { Seed = configured.Seed + i };
            services.AddSingleton<IHostedService>(sp => new SchedulerLoop(
                sp.GetRequiredService<ObjectLog>(),
                sp.GetRequiredService<IGrainFactory>(),
                sp.GetRequiredService<TimeProvider>(),
                instance,
                sp.GetRequiredService<ILogger<SchedulerLoop>>()));
        }
        return services;
    }
}
