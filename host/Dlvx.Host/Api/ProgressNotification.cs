namespace Dlvx.Host.Api;

/// <summary>The parameter of a <c>Dlvx.Progress</c> notification.</summary>
/// <param name="Command">The command reporting, by its canonical name.</param>
/// <param name="Message">What it is doing, for example <c>walked 40000 objects</c>.</param>
/// <param name="Fraction">How much is done, 0 to 1, or null when unknown.</param>
internal sealed record ProgressNotification(string Command, string Message, double? Fraction);
