using System.Text;
using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// Makes a pod's volumes into folders under <c>&lt;pod&gt;/volumes/&lt;name&gt;</c>: emptyDir as an empty folder, configMap and
/// secret as one file per key, read through the API once (later changes to them are not followed yet).
/// </summary>
internal static class PodVolumes
{
    private const UnixFileMode EmptyDirMode = (UnixFileMode)0b111_111_111;
    private const int DefaultFileMode = 0b110_100_100;

    /// <summary>Volume name to host folder, for every volume of the pod.</summary>
    /// <exception cref="PodVolumeException">A volume could not be set up; the message names it and says why.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> PrepareAsync(
        V1Pod pod, string podFolder, IPodConfigSource source, CancellationToken cancellationToken)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var folder = Path.Combine(podFolder, "volumes", volume.Name);
            if (volume.EmptyDir is not null)
            {
                Directory.CreateDirectory(folder);
                // The kubelet makes emptyDir world-writable, so a container running as any user can use it.
                SetMode(folder, EmptyDirMode);
            }
            else if (volume.ConfigMap is { } configMap)
            {
                var map = await source.ReadConfigMapAsync(Namespace(pod), configMap.Name, cancellationToken);
                var files = map is null ? Missing(volume, "configmap", configMap.Name, configMap.Optional) : Files(map);
                Write(folder, files, configMap.Items, configMap.DefaultMode, volume.Name);
            }
            else if (volume.Secret is { } secret)
            {
                var read = await source.ReadSecretAsync(Namespace(pod), secret.SecretName, cancellationToken);
                var files = read is null
                    ? Missing(volume, "secret", secret.SecretName, secret.Optional)
                    : (read.Data ?? new Dictionary<string, byte[]>()).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                Write(folder, files, secret.Items, secret.DefaultMode, volume.Name);
            }
            else
            {
                throw new PodVolumeException(
                    $"volume \"{volume.Name}\" is of a type the agent does not support yet ({TypeOf(volume)}); only emptyDir, configMap and secret volumes are",
                    permanent: true);
            }
            folders[volume.Name] = folder;
        }
        return folders;
    }

    private static string Namespace(V1Pod pod) => pod.Metadata.NamespaceProperty ?? "default";

    private static Dictionary<string, byte[]> Files(V1ConfigMap map)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
        {
            files[key] = Encoding.UTF8.GetBytes(value);
        }
        foreach (var (key, value) in map.BinaryData ?? new Dictionary<string, byte[]>())
        {
            files[key] = value;
        }
        return files;
    }

    private static Dictionary<string, byte[]> Missing(V1Volume volume, string kind, string name, bool? optional) =>
        optional == true
            ? new Dictionary<string, byte[]>(StringComparer.Ordinal)
            : throw new PodVolumeException($"MountVolume.SetUp failed for volume \"{volume.Name}\": {kind} \"{name}\" not found");

    private static void Write(string folder, Dictionary<string, byte[]> files, IList<V1KeyToPath>? items, int? defaultMode, string volume)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        // Without items every key is a file of its own name; with items only the keys listed, at their paths.
        var wanted = items is { Count: > 0 }
            ? items.Select(i => (i.Key, i.Path, i.Mode))
            : files.Keys.Select(k => (Key: k, Path: k, Mode: (int?)null));
        foreach (var (key, relative, mode) in wanted)
        {
            if (!files.TryGetValue(key, out var content))
            {
                throw new PodVolumeException($"MountVolume.SetUp failed for volume \"{volume}\": key \"{key}\" is not in it");
            }
            if (Path.IsPathRooted(relative) || relative.Split('/').Contains(".."))
            {
                throw new PodVolumeException($"volume \"{volume}\" puts key \"{key}\" at \"{relative}\", which leaves the volume", permanent: true);
            }
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            SetMode(path, (UnixFileMode)((mode ?? defaultMode ?? DefaultFileMode) & 0b111_111_111));
        }
    }

    // The agent runs on Linux only; the guard is for the platform analyzer.
    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static string TypeOf(V1Volume volume)
    {
        // The one volume source that is set names the type; reflection spares listing all thirty.
        var set = typeof(V1Volume).GetProperties()
            .Where(p => p.Name != nameof(V1Volume.Name) && p.GetValue(volume) is not null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .FirstOrDefault();
        return set ?? "no source given";
    }
}
