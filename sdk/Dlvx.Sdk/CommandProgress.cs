namespace Dlvx.Sdk;

/// <summary>A progress report from a long-running command.</summary>
/// <param name="Message">What is being done, for example <c>walked 40000 objects</c>.</param>
/// <param name="Fraction">How much is done, from 0 to 1, or <see langword="null"/> when unknown.</param>
public sealed record CommandProgress(string Message, double? Fraction = null);
