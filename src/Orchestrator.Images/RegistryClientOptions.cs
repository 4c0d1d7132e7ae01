namespace Orchestrator.Images;

/// <summary>How a <see cref="RegistryClient"/> reaches registries and which image of a multi-platform index it takes.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>os/architecture[/variant] to pick from an index; the running platform by default.</summary>
    public string Platform { get; init; } = OciPlatform.Running.ToString();

    /// <summary>
    /// Registries spoken to over plain HTTP, as host[:port]. Loopback registries (localhost, 127.0.0.0/8, [::1]) always
    /// are, as Docker treats them; every other registry gets HTTPS.
    /// </summary>
    public IReadOnlySet<string> InsecureRegistries { get; init; } = new HashSet<string>();

    /// <summary>Retries of a request that failed to connect or got 429 or 5xx; zero turns retrying off.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
