using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Containers.Output;

namespace Containers.Waiting;

/// <summary>
/// An immutable list of conditions, awaited in order after the container started. Each condition has its own
/// timeout (default <see cref="DefaultTimeout"/>); if the container exits meanwhile, waiting fails at once.
/// </summary>
public sealed record WaitStrategy
{
    public ImmutableArray<IWaitUntil> Conditions { get; init; } = [];

    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Timeout of the conditions that have none of their own.</summary>
    public WaitStrategy WithTimeout(TimeSpan timeout) =>
        timeout > TimeSpan.Zero ? this with { DefaultTimeout = timeout } : throw new ArgumentOutOfRangeException(nameof(timeout));

    public WaitStrategy WithPollInterval(TimeSpan interval) =>
        interval > TimeSpan.Zero ? this with { PollInterval = interval } : throw new ArgumentOutOfRangeException(nameof(interval));

    public WaitStrategy AddCondition(IWaitUntil condition) => this with { Conditions = Conditions.Add(condition) };

    /// <summary>An HTTP request to the published port on 127.0.0.1 answers as configured (default: GET / → 200).</summary>
    public WaitStrategy UntilHttpRequestIsSucceeded(Func<HttpWaitRequest, HttpWaitRequest> configure, TimeSpan? timeout = null) =>
        AddCondition(new HttpWaitCondition(configure(new HttpWaitRequest()), timeout));

    /// <summary>
    /// A process inside the container listens on <paramref name="containerPort"/>. Checked in the container's own
    /// network namespace, because the engine's port proxy accepts connections before the app listens.
    /// </summary>
    public WaitStrategy UntilPortIsAvailable(int containerPort, TimeSpan? timeout = null) =>
        AddCondition(new PortListeningCondition(containerPort, timeout));

    /// <summary>A log line (stdout or stderr, or only <paramref name="stream"/>) matches <paramref name="pattern"/>.</summary>
    public WaitStrategy UntilMessageIsLogged(string pattern, LogStream? stream = null, int occurrences = 1, TimeSpan? timeout = null) =>
        UntilMessageIsLogged(new Regex(pattern, RegexOptions.CultureInvariant), stream, occurrences, timeout);

    public WaitStrategy UntilMessageIsLogged(Regex pattern, LogStream? stream = null, int occurrences = 1, TimeSpan? timeout = null) =>
        AddCondition(new LogMessageCondition(pattern, stream, occurrences, timeout));

    /// <summary>The engine reports the container's health check as <c>healthy</c>.</summary>
    public WaitStrategy UntilContainerIsHealthy(TimeSpan? timeout = null) => AddCondition(new HealthyCondition(timeout));

    /// <summary>Any condition, e.g. a database connection attempt.</summary>
    public WaitStrategy Until(string description, Func<IContainer, CancellationToken, Task<WaitCheck>> check, TimeSpan? timeout = null) =>
        AddCondition(new DelegateCondition(description, check, timeout));

    private sealed record DelegateCondition(
        string Description, Func<IContainer, CancellationToken, Task<WaitCheck>> Check, TimeSpan? Timeout) : IWaitUntil
    {
        public Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken) =>
            Check(container, cancellationToken);
    }
}
