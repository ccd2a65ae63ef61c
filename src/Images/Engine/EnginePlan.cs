namespace Images;

/// <summary>What <see cref="EngineProvisioner"/> does when no engine answers.</summary>
public enum EngineAction
{
    /// <summary>An engine answered; nothing to do.</summary>
    AlreadyRunning,
    /// <summary>dockerd is installed but not running: start it.</summary>
    Start,
    /// <summary>Install the distribution's docker.io with apt, then start dockerd.</summary>
    InstallAndStart,
}

/// <summary>The decision for a host whose engine does not answer; <see cref="Refusal"/> is set when we must not act.</summary>
public sealed record EnginePlan(EngineAction Action, string? Refusal)
{
    public bool CanProceed => Refusal is null;

    /// <summary>
    /// Pure decision from host facts: we only ever touch a local default socket, only as root, and only install
    /// on Debian/Ubuntu (where docker.io is the distribution's package). Everything else gets instructions.
    /// </summary>
    public static EnginePlan For(HostFacts host, string endpoint, bool isDefaultLocalSocket)
    {
        var unreachable = $"No Docker engine answers at {endpoint}.";
        if (!isDefaultLocalSocket)
            return Refuse(unreachable + " DOCKER_HOST points there, so the build will not start a local engine " +
                          "instead: start the engine at that address, or unset DOCKER_HOST to use the local one.");
        if (!host.IsLinux)
            return Refuse(unreachable + " Start Docker Desktop (or your Docker engine) and run the build again.");
        if (!host.IsRoot)
            return Refuse(unreachable + (host.DockerdPath is null
                ? " Install and start it, e.g. `sudo apt-get install -y docker.io && sudo service docker start` " +
                  "(or `sudo dockerd &`), or run the build as root so it can do that itself."
                : " Start it, e.g. `sudo service docker start` (or `sudo dockerd &`), and make sure your user may " +
                  "use the socket (`sudo usermod -aG docker $USER`), or run the build as root so it can start it."));
        if (host.DockerdPath is not null)
            return new EnginePlan(EngineAction.Start, null);
        if (host.IsDebianLike && host.AptGetPath is not null)
            return new EnginePlan(EngineAction.InstallAndStart, null);
        return Refuse(unreachable + $" This host ({host.OsId ?? "unknown OS"}) is not Debian/Ubuntu, so the build " +
                      "cannot install one: install Docker Engine (https://docs.docker.com/engine/install/), start it, " +
                      "and run the build again.");
    }

    private static EnginePlan Refuse(string message) => new(EngineAction.AlreadyRunning, message);
}
