using Orchestrator.Agent.Pods;
using Orchestrator.Images;

namespace Orchestrator.Hosting;

/// <summary>
/// The agent's images from the content-addressed store: pulled from their registry by the pull policy (kubelet's
/// default when the pod gives none), then unpacked into each container attempt's own root folder.
/// </summary>
public sealed class ImageStoreRootfs(ImageStore store, ImagePuller puller) : IRootfsProvider
{
    public async Task<PreparedRootfs> PrepareAsync(string image, string? pullPolicy, string target, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(image, out var reference, out var reason))
        {
            throw new ImageUnavailableException("InvalidImageName", $"Failed to apply default image tag \"{image}\": {reason}");
        }

        LocalImage local;
        try
        {
            local = await puller.PullAsync(reference, ImagePullPolicies.Parse(pullPolicy, reference), cancellationToken);
        }
        catch (ImageNeverPullException e)
        {
            throw new ImageUnavailableException("ErrImageNeverPull", e.Message);
        }
        catch (Exception e) when (e is ImageNotFoundException or RegistryException or DigestMismatchException or HttpRequestException or IOException)
        {
            throw new ImageUnavailableException("ErrImagePull", $"Failed to pull image \"{image}\": {e.Message}");
        }

        var config = await store.UnpackAsync(local.Reference, target, cancellationToken);
        return new PreparedRootfs(target, $"{local.Reference.Name}@{local.ManifestDigest}", new Agent.Pods.ImageConfig
        {
            Entrypoint = config.Entrypoint,
            Cmd = config.Cmd,
            Env = config.Env,
            WorkingDir = string.IsNullOrEmpty(config.WorkingDir) ? null : config.WorkingDir,
        })
        {
            Pulled = local.Pulled,
        };
    }
}
