using System.Runtime.InteropServices;

namespace Orchestrator.Images;

/// <summary>The two file-system calls .NET has no managed API for. glibc's soname, since "libc" alone names a linker script.</summary>
internal static partial class NativeMethods
{
    private const string LibC = "libc.so.6";

    /// <summary>chown without following a final symlink, so a link in a layer is owned as the layer says.</summary>
    [LibraryImport(LibC, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LChown(string path, uint owner, uint group);

    [LibraryImport(LibC, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Link(string existing, string created);
}
