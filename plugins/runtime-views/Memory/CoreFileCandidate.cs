namespace Dlvx.Plugins.RuntimeViews.Memory;

/// <summary>A core file a dlv process on this machine was started on (<c>dlv core EXECUTABLE CORE</c>).</summary>
/// <param name="CorePath">The core file, as a full path.</param>
/// <param name="ExecutablePath">The executable named before it, as a full path, or null when it could not be resolved.</param>
public sealed record CoreFileCandidate(string CorePath, string? ExecutablePath);
