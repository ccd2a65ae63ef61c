namespace CreditRobot.Hosting;

/// <summary>
/// What an <see cref="OutOfMemoryException"/> during start-up means: the kernel refused a thread (docker
/// --pids-limit, the pod's pids.max; the runtime, Kestrel, the access-log writer and the thread pool need about 10
/// threads idle, more under load) or a memory limit far below the ~30 MiB the server uses. Unhandled, it ended in
/// SIGSEGV (exit 139) after a stack trace; it is the operator's limit to raise, so one line says which. (Far below the
/// need, at about 6 allowed processes, the runtime itself fails fast before this code runs.)
/// </summary>
public static class StartupLimits
{
    public const string Refused = "cannot start: the system refused a thread or memory; raise the container's process limit " +
                                  "(docker --pids-limit, Kubernetes pids.max: allow at least 64) or its memory limit (at least 64 MiB)";

    /// <summary>The refusal itself, or wrapped (a type initializer that could not start its thread).</summary>
    public static bool WasRefused(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is OutOfMemoryException) return true;
        return false;
    }
}
