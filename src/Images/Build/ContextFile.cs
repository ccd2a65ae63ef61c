using System.Text;

namespace Images.Build;

/// <summary>A file for an in-memory build context (or one added on top of a directory context).</summary>
internal sealed record ContextFile(string Path, byte[] Content, UnixFileMode Mode = ContextFile.Regular)
{
    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static ContextFile Text(string path, string text, UnixFileMode mode = Regular) => new(path, Encoding.UTF8.GetBytes(text), mode);
}
