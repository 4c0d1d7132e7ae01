namespace Orchestrator.Images;

/// <summary>Gets a container's image into the local store as its imagePullPolicy says, as kubelet's image manager does.</summary>
public sealed class ImagePuller
{
    private readonly ImageStore _store;
    private readonly RegistryClient _registry;

    public ImagePuller(ImageStore store, RegistryClient registry)
    {
        _store = store;
        _registry = registry;
    }

    /// <summary>Parses <paramref name="image"/> as a pod spec gives it; errors quote it as written.</summary>
    public Task<LocalImage> PullAsync(string image, ImagePullPolicy policy, CancellationToken cancellationToken) =>
        PullAsync(ImageReference.Parse(image), policy, image, cancellationToken);

    public Task<LocalImage> PullAsync(ImageReference reference, ImagePullPolicy policy, CancellationToken cancellationToken) =>
        PullAsync(reference, policy, reference.ToString(), cancellationToken);

    private async Task<LocalImage> PullAsync(ImageReference reference, ImagePullPolicy policy, string image, CancellationToken cancellationToken)
    {
        if (policy is ImagePullPolicy.Always)
        {
            return await _registry.PullAsync(reference, _store, cancellationToken);
        }

        if (await _store.FindAsync(reference, cancellationToken) is { } local)
        {
            return local;
        }

        return policy is ImagePullPolicy.Never
            ? throw new ImageNeverPullException(image)
            : await _registry.PullAsync(reference, _store, cancellationToken);
    }
}
