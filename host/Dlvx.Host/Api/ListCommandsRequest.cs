namespace Dlvx.Host.Api;

/// <summary>The argument of <c>Dlvx.ListCommands</c>: an empty object.</summary>
internal sealed record ListCommandsRequest;
