namespace Orchestrator.Api;

/// <summary>How the API server presents itself and whom it lets in.</summary>
/// <param name="BearerToken">The token every request except health and version must carry; null disables the check.</param>
/// <param name="AdvertisedAddress">host:port written into discovery's serverAddressByClientCIDRs.</param>
public sealed record ApiServerOptions(string? BearerToken, string AdvertisedAddress)
{
    /// <summary>How often an idle watch that allows bookmarks gets one (Kubernetes: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(15);
}
