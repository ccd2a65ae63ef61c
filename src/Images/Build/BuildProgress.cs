namespace Images.Build;

public enum BuildProgressKind
{
    /// <summary>An image build begins; <see cref="BuildProgress.Text"/> says which ("Building creditrobot:1.2.0").</summary>
    Started,
    /// <summary>A new step started: "Step 3/12 : RUN make".</summary>
    Step,
    /// <summary>The current step was taken from the cache (" ---> Using cache").</summary>
    CacheHit,
    /// <summary>A line the step printed (RUN output, intermediate ids, "Successfully tagged …").</summary>
    Output,
    /// <summary>Pull/status text from the engine (e.g. while fetching a base image).</summary>
    Status,
    /// <summary>A line for the user outside a build step: how a base image was resolved, what bootstrapping does.</summary>
    Note,
}

/// <summary>One event of making images, raised in the order it happened.</summary>
public sealed record BuildProgress(BuildProgressKind Kind, string Text)
{
    public override string ToString() => Kind == BuildProgressKind.Step ? Text : $"[{Kind}] {Text}";
}
