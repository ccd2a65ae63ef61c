using System.Globalization;
using System.Net.Sockets;

namespace Containers.Waiting;

/// <summary>
/// Waits until a socket in the container's network namespace is in LISTEN state on the port. Read from
/// <c>/proc/&lt;container pid&gt;/net/tcp{,6}</c> on the engine's host: no shell or tool is needed in the image
/// (distroless), and unlike a TCP connect through the published port it cannot be fooled by the engine's
/// port proxy, which accepts connections before anything listens. Where that /proc is not ours (remote engine,
/// other pid namespace; checked through the cgroup naming the container) it falls back to a connect
/// through the published port that must stay open.
/// </summary>
internal sealed class PortListeningCondition(int containerPort, TimeSpan? timeout) : IWaitUntil
{
    private const string ListenState = "0A";

    public TimeSpan? Timeout => timeout;

    public string Description => $"a process in the container listens on port {containerPort}/tcp";

    public async Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken)
    {
        var status = await container.GetStatusAsync(cancellationToken);
        if (status.Pid > 0 && IsContainerProcess(status.Pid, container.Id))
        {
            var listening = IsListening($"/proc/{status.Pid}/net/tcp") || IsListening($"/proc/{status.Pid}/net/tcp6");
            return listening
                ? WaitCheck.Done($"port {containerPort} is in LISTEN state")
                : WaitCheck.NotYet($"nothing listens on port {containerPort} yet (read /proc/{status.Pid}/net/tcp)");
        }

        return await ConnectThroughPublishedPortAsync(container, cancellationToken);
    }

    // Only when the pid is the container's in our view of /proc: a client inside another pid namespace (tests run
    // in a container with the engine's socket) would otherwise read an unrelated process's table.
    private static bool IsContainerProcess(int pid, string containerId)
    {
        try
        {
            return File.Exists($"/proc/{pid}/net/tcp") && File.ReadAllText($"/proc/{pid}/cgroup").Contains(containerId, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private bool IsListening(string table)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(table);
        }
        catch (IOException)
        {
            return false;
        }

        // "  0: 00000000:1F90 00000000:0000 0A ..." -> local address:port (hex), remote, state.
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != ListenState) continue;
            var local = fields[1];
            var port = int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (port == containerPort) return true;
        }

        return false;
    }

    private async Task<WaitCheck> ConnectThroughPublishedPortAsync(IContainer container, CancellationToken cancellationToken)
    {
        if (container.Configuration.PortBindings.All(p => p.ContainerPort != containerPort))
            throw new InvalidOperationException(
                $"{Description}: the engine's /proc is not readable here, so the port must be published: add WithPortBinding({containerPort}, true).");
        var hostPort = container.GetMappedPublicPort(containerPort);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(container.Hostname, hostPort, cancellationToken);
            // The proxy closes at once when the container refuses; a real listener keeps the connection open.
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(TimeSpan.FromMilliseconds(300));
            var read = await socket.ReceiveAsync(new byte[1], SocketFlags.None, quiet.Token);
            return read > 0 ? WaitCheck.Done("the port sent data") : WaitCheck.NotYet("the connection was closed at once");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitCheck.Done("the connection stayed open");
        }
        catch (SocketException e)
        {
            return WaitCheck.NotYet($"127.0.0.1:{hostPort}: {e.Message}");
        }
    }
}
