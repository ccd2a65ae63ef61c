namespace Images;

/// <summary>A base image, build, audit or engine provisioning step failed; the message says what to do about it.</summary>
public class ImagesException(string message, Exception? inner = null) : Exception(message, inner);
