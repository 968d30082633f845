namespace Dlvx.Plugins.TargetInfo;

/// <summary>Where the target stopped.</summary>
public sealed record StopLocation(string Function, string File, int Line);
