namespace Containers.Waiting;

/// <summary>One readiness condition, polled until it holds or its timeout passes.</summary>
public interface IWaitUntil
{
    /// <summary>What is awaited, for messages: e.g. "HTTP GET /healthz on port 8080 answers 200".</summary>
    string Description { get; }

    /// <summary>Own timeout, or null for the strategy's default.</summary>
    TimeSpan? Timeout { get; }

    /// <summary>One attempt. Must not throw for "not yet"; describe what was seen instead.</summary>
    Task<WaitCheck> CheckAsync(IContainer container, CancellationToken cancellationToken);
}

/// <summary>The result of one attempt: satisfied or not, and what was observed (shown on timeout).</summary>
public readonly record struct WaitCheck(bool Satisfied, string Observation)
{
    public static WaitCheck Done(string observation = "ok") => new(true, observation);

    public static WaitCheck NotYet(string observation) => new(false, observation);
}
