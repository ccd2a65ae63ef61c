namespace SmokeTests.Soak;

/// <summary>From the moment a fault was injected until the app answered /readyz 200 again after it was lifted.</summary>
internal sealed record FaultWindow(string Fault, DateTime Start, DateTime End)
{
    public bool Overlaps(SoakOutcome outcome) => outcome.Start <= End && outcome.End >= Start;

    public override string ToString() => $"{Fault} {(End - Start).TotalSeconds:0.0} s";
}
