namespace DockerEngine;

public enum BuildProgressKind
{
    /// <summary>A new step started: "Step 3/12 : RUN make". <see cref="BuildProgress.Step"/> and <see cref="BuildProgress.TotalSteps"/> are set.</summary>
    Step,
    /// <summary>The current step was taken from the cache (" ---> Using cache").</summary>
    CacheHit,
    /// <summary>A line the step printed (RUN output, intermediate ids, "Successfully tagged …").</summary>
    Output,
    /// <summary>Pull/status text from the engine (e.g. while fetching a base image).</summary>
    Status,
    /// <summary>The image id is known (<see cref="BuildProgress.Text"/> holds it).</summary>
    ImageId,
}

/// <summary>One build event, raised in the order the engine sent it.</summary>
public sealed record BuildProgress(BuildProgressKind Kind, string Text, int? Step = null, int? TotalSteps = null)
{
    public override string ToString() => Kind == BuildProgressKind.Step ? Text : $"[{Kind}] {Text}";
}

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back synchronously, in order. (System.Progress posts to the thread pool,
/// which can reorder build steps.)
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
