namespace Dlvx.Host.Api;

/// <summary>The argument of <c>Dlvx.Stats</c>: an empty object.</summary>
internal sealed record StatsRequest;
