namespace CreditRobot.Hosting;

/// <summary>
/// The arguments of the server a <c>--healthcheck</c> probe runs beside. Docker runs the HEALTHCHECK command as a new
/// process with the image's arguments, not the container's: <c>docker run IMAGE --bind [::]:9000</c> gives the server
/// (the container's PID 1, or the child of <c>docker run --init</c>'s docker-init) a bind the probe cannot know from its
/// own. So the probe reads PID 1's command line from /proc (world-readable, nothing written, works on a read-only root)
/// and takes what follows this program's own command there. Outside a container PID 1 is an init system: null.
/// </summary>
public static class ServerCommandLine
{
    public static IReadOnlyList<string>? Read()
    {
        try
        {
            var self = Split(File.ReadAllBytes("/proc/self/cmdline"));
            var own = Environment.GetCommandLineArgs().Length - 1; // the probe's own arguments end its command line
            return own < self.Count ? After(Split(File.ReadAllBytes("/proc/1/cmdline")), self.Take(self.Count - own).ToArray()) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no /proc (not Linux, hidepid): the probe's own settings
        }
    }

    /// <summary>
    /// The arguments after <paramref name="program"/> (e.g. <c>/app/CreditRobot</c>, or <c>dotnet …/CreditRobot.dll</c>)
    /// in <paramref name="commandLine"/>, compared by file name; null when the program is not there.
    /// </summary>
    public static IReadOnlyList<string>? After(IReadOnlyList<string> commandLine, IReadOnlyList<string> program)
    {
        for (var start = 0; start + program.Count <= commandLine.Count; start++)
            if (program.Select((part, i) => SameFile(part, commandLine[start + i])).All(same => same))
                return commandLine.Skip(start + program.Count).ToArray();
        return null;
    }

    private static bool SameFile(string a, string b) => string.Equals(Path.GetFileName(a), Path.GetFileName(b), StringComparison.Ordinal);

    private static List<string> Split(byte[] cmdline) =>
        System.Text.Encoding.UTF8.GetString(cmdline).Split('\0').SkipLast(1).ToList();
}
