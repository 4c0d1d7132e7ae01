using System.CommandLine;
using Orchestrator.Images;

namespace Orchestrator.Hosting;

/// <summary>
/// <c>orchestrator image import|busybox|list</c>: the node's local image store, without a registry. <c>busybox</c> writes
/// an OCI image-layout archive from Debian's busybox-static, <c>import</c> puts such an archive into the store.
/// </summary>
public static class ImageCommand
{
    /// <summary>Where <c>up</c>'s agent keeps its images: the agent's data folder under .orchestrator, then images.</summary>
    public static string DefaultStore => Path.Combine(Environment.CurrentDirectory, ".orchestrator", "agent", "images");

    /// <summary>The busybox image's default name: pods naming it pull IfNotPresent, so it runs without a registry.</summary>
    public const string DefaultBusyboxTag = "localhost/busybox:static";

    public static Command Build()
    {
        var store = new Option<DirectoryInfo>("--store")
        {
            Description = "The agent's image store (default: .orchestrator/agent/images, where `orchestrator up`'s agent looks)",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultStore),
        };
        return new Command("image", "Manage the node's local images: import OCI image-layout archives, make a busybox image, list")
        {
            Import(store),
            Busybox(),
            List(store),
        };
    }

    private static Command Import(Option<DirectoryInfo> store)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "An OCI image-layout archive (skopeo copy ... oci-archive:, docker save, orchestrator image busybox)" };
        file.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f)
            {
                r.AddError($"{f.FullName} does not exist");
            }
        });
        var name = new Option<string?>("--name") { Description = "The reference to give the image when the archive names none (e.g. localhost/tools:1.0)" };
        var import = new Command("import", "Import an OCI image-layout archive into the store, verifying every blob's digest") { file, name, store };
        import.SetAction(async (result, cancellationToken) =>
        {
            var target = new ImageStore(result.GetValue(store)!.FullName);
            var reference = result.GetValue(name) is { Length: > 0 } given ? ImageReference.Parse(given) : null;
            var images = await new OciLayoutImporter(target).ImportAsync(result.GetValue(file)!.FullName, reference, cancellationToken);
            foreach (var image in images)
            {
                Console.WriteLine($"imported {image.Reference} ({image.ManifestDigest})");
            }

            return 0;
        });
        return import;
    }

    private static Command Busybox()
    {
        var output = new Option<FileInfo>("--output")
        {
            Description = "The archive to write",
            DefaultValueFactory = _ => new FileInfo("busybox.tar"),
        };
        var tag = new Option<string>("--tag")
        {
            // Not :latest, for which kubelet's default pull policy is Always and would ask a registry that has no such image.
            Description = "The image's reference inside the archive",
            DefaultValueFactory = _ => DefaultBusyboxTag,
        };
        var busybox = new Command("busybox", "Write a busybox image (an OCI image-layout archive) from Debian's busybox-static (/bin/busybox)") { output, tag };
        busybox.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(output)!.FullName;
            var digest = await BusyboxImage.WriteLayoutAsync(path, result.GetValue(tag)!, cancellationToken: cancellationToken);
            Console.WriteLine($"wrote {path}: {result.GetValue(tag)} ({digest}); import it with `orchestrator image import {path}`");
            return 0;
        });
        return busybox;
    }

    private static Command List(Option<DirectoryInfo> store)
    {
        var list = new Command("list", "List the references in the store and their manifest digests") { store };
        list.SetAction(result =>
        {
            foreach (var (reference, digest) in new ImageStore(result.GetValue(store)!.FullName).References.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"{reference}\t{digest}");
            }

            return 0;
        });
        return list;
    }
}
