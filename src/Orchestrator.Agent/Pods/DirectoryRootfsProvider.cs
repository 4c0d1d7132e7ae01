using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// Images as folders, until the image store is ready: the image <c>busybox:1.36</c> is the root filesystem in
/// <c>&lt;images-dir&gt;/busybox_1.36/rootfs</c>, with the image config (Entrypoint, Cmd, Env, WorkingDir) in an
/// optional <c>config.json</c> beside it. Every container attempt gets its own copy, since a container writes to its root.
/// </summary>
/// <remarks>
/// The folder name is the reference with each character other than a letter, digit, '.', '_' or '-' turned into '_';
/// for Docker Hub images the short name works too (<c>docker.io/library/busybox:latest</c> is also found as
/// <c>busybox</c>). Nothing is pulled, so every imagePullPolicy behaves as IfNotPresent.
/// </remarks>
public sealed class DirectoryRootfsProvider(string imagesDirectory) : IRootfsProvider
{
    private const string DockerHub = "docker.io/";
    private const string Library = "library/";
    private const string Latest = ":latest";

    public string ImagesDirectory { get; } = Path.GetFullPath(imagesDirectory);

    /// <summary>The folder names tried for an image, the exact one first.</summary>
    public static IReadOnlyList<string> FolderNames(string image)
    {
        var reference = image.Trim();
        var shortName = reference.StartsWith(DockerHub, StringComparison.Ordinal) ? reference[DockerHub.Length..] : reference;
        shortName = shortName.StartsWith(Library, StringComparison.Ordinal) ? shortName[Library.Length..] : shortName;
        if (shortName.EndsWith(Latest, StringComparison.Ordinal) && !shortName.Contains('@'))
        {
            shortName = shortName[..^Latest.Length];
        }
        return [.. new[] { Sanitize(reference), Sanitize(shortName) }.Distinct(StringComparer.Ordinal)];
    }

    public async Task<PreparedRootfs> PrepareAsync(string image, string? pullPolicy, string target, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            throw new ImageUnavailableException("InvalidImageName", "The container names no image.");
        }
        var folders = FolderNames(image).Select(name => Path.Combine(ImagesDirectory, name)).ToList();
        var folder = folders.FirstOrDefault(f => Directory.Exists(Path.Combine(f, "rootfs")));
        if (folder is null)
        {
            throw new ImageUnavailableException(
                pullPolicy == "Never" ? "ErrImageNeverPull" : "ErrImagePull",
                $"image \"{image}\" is not in the images folder: this agent runs images from folders and expected a root " +
                $"filesystem at {Path.Combine(folders[0], "rootfs")}" + (folders.Count > 1 ? $" (or {Path.Combine(folders[1], "rootfs")})" : ""));
        }
        var config = await ReadConfigAsync(image, Path.Combine(folder, "config.json"), cancellationToken);
        await CopyAsync(Path.Combine(folder, "rootfs"), target, cancellationToken);
        return new PreparedRootfs(target, "dir://" + folder, config);
    }

    private static string Sanitize(string reference)
    {
        var name = new StringBuilder(reference.Length);
        foreach (var c in reference)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }
        // "." and ".." would name the images folder or its parent.
        return name.ToString() is "." or ".." ? "_" + name : name.ToString();
    }

    // cp -a keeps what a root filesystem needs and File.Copy loses: owners, modes, symlinks, device nodes.
    private static async Task CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        var start = new ProcessStartInfo("cp") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-a", "--", source, target })
        {
            start.ArgumentList.Add(argument);
        }
        using var copy = Process.Start(start) ?? throw new IOException("Could not start cp.");
        var errors = copy.StandardError.ReadToEndAsync(CancellationToken.None);
        await copy.WaitForExitAsync(cancellationToken);
        if (copy.ExitCode != 0)
        {
            throw new IOException($"Copying the image's root filesystem {source} to {target} failed: {(await errors).Trim()}");
        }
    }

    private static async Task<ImageConfig?> ReadConfigAsync(string image, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            // An OCI image config keeps these under "config"; a bare object with the fields is accepted too.
            var root = document.RootElement.TryGetProperty("config", out var nested) ? nested : document.RootElement;
            return new ImageConfig
            {
                Entrypoint = Strings(root, "Entrypoint"),
                Cmd = Strings(root, "Cmd"),
                Env = Strings(root, "Env"),
                WorkingDir = root.TryGetProperty("WorkingDir", out var directory) && directory.ValueKind == JsonValueKind.String
                    ? directory.GetString()
                    : null,
            };
        }
        catch (JsonException e)
        {
            throw new ImageUnavailableException("ErrImagePull", $"image \"{image}\": {path} is not a valid image config: {e.Message}");
        }
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];
}
