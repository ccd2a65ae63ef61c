using System.Net;
using System.Net.Http.Headers;

namespace DockerEngine.Internal;

/// <summary>Streams the build context straight into the request body (chunked) instead of buffering the tar.</summary>
internal sealed class TarContent : HttpContent
{
    private readonly BuildContext _context;
    private readonly CancellationToken _ct;

    public TarContent(BuildContext context, CancellationToken ct)
    {
        _context = context;
        _ct = ct;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        _context.WriteTarAsync(stream, _ct);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct) =>
        _context.WriteTarAsync(stream, ct);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
