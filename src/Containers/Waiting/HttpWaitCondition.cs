namespace Containers.Waiting;

internal sealed class HttpWaitCondition(HttpWaitRequest request, TimeSpan? timeout) : IWaitUntil
{
    // One client for all waits: connections to 127.0.0.1 only, no proxy (a proxy would see loopback traffic).
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(1) });

    public TimeSpan? Timeout => timeout;

    public string Description =>
        $"HTTP {request.Method} {request.Path} on container port {request.Port?.ToString() ?? "(first published)"} " +
        $"answers {string.Join(" or ", request.AcceptedStatusCodes.Order())}";

    public async Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken)
    {
        var port = request.Port ?? container.Configuration.PortBindings.FirstOrDefault()?.ContainerPort
            ?? throw new InvalidOperationException(
                $"{Description}: the container publishes no port; add WithPortBinding(port, true) or ForPort(port).");
        Uri uri;
        try
        {
            uri = new Uri(container.GetBaseAddress(port), request.Path);
        }
        catch (InvalidOperationException) when (container.Configuration.PortBindings.Any(p => p.ContainerPort == port))
        {
            // Published, but the engine mapped nothing: the container stopped before its ports were read.
            return WaitCheck.NotYet($"container port {port} has no host port (is the container running?)");
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(request.RequestTimeout);
        try
        {
            using var message = new HttpRequestMessage(request.Method, uri);
            using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return request.AcceptedStatusCodes.Contains(status)
                ? WaitCheck.Done($"{uri} answered {status}")
                : WaitCheck.NotYet($"{uri} answered {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitCheck.NotYet($"{uri} did not answer within {request.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return WaitCheck.NotYet($"{uri}: {e.Message}");
        }
    }
}
