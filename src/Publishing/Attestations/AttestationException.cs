namespace Publishing.Attestations;

/// <summary>An SBOM, provenance or signature could not be made or checked; the message says what to do about it.</summary>
public sealed class AttestationException(string message, Exception? inner = null) : Exception(message, inner);
