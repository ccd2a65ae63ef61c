namespace DockerEngine;

/// <summary>What went wrong, so callers can branch without parsing messages.</summary>
public enum DockerErrorKind
{
    /// <summary>Any other engine error (HTTP 500 and friends).</summary>
    Engine,
    /// <summary>The engine could not be reached at all (no socket, refused, timeout).</summary>
    Unreachable,
    /// <summary>Image, container, network or volume does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>Name already in use, container running, image in use (HTTP 409).</summary>
    Conflict,
    /// <summary>The request was invalid (HTTP 400), e.g. a bad parameter.</summary>
    BadRequest,
    /// <summary>A published host port is taken by something else.</summary>
    PortAllocated,
    /// <summary>A registry could not be reached or refused us (pull/push).</summary>
    Registry,
    /// <summary>An image build failed (Dockerfile error or a failing step).</summary>
    BuildFailed,
}
